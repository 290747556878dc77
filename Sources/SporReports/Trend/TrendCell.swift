/// One period and group of a trend report: its figures, or only the fact that it is suppressed and why.
public struct TrendCell: Hashable, Sendable, Codable {
    /// Why a cell's figures are withheld (docs/report-definition.md).
    public enum Suppression: String, Hashable, Sendable, Codable, CaseIterable {
        /// The cell has fewer than `minCell` citizens.
        case primary
        /// The cell is large enough, but hidden so that the period's suppressed cells together cannot be recomputed
        /// as the period's total minus the visible cells.
        case complementary
    }

    /// `2026-03`, `2026-Q1` or `2026`.
    public var period: String
    /// The unit or intervention, `all` when not grouped, `nil` for counted responses without the label.
    public var group: String?
    /// The figures; `nil` exactly when the cell is suppressed.
    public private(set) var figures: TrendFigures?
    /// Why the figures are withheld; `nil` when they are shown.
    public private(set) var suppression: Suppression?

    /// A cell that shows its figures.
    public init(period: String, group: String?, figures: TrendFigures) {
        self.period = period
        self.group = group
        self.figures = figures
        suppression = nil
    }

    /// A cell that shows only that it is suppressed.
    public init(period: String, group: String?, suppression: Suppression) {
        self.period = period
        self.group = group
        figures = nil
        self.suppression = suppression
    }

    /// Whether the figures are withheld.
    public var suppressed: Bool { suppression != nil }

    /// The label group for grouping `none`.
    public static let allGroup = "all"

    private enum Key: String, CodingKey {
        case period, group, suppressed, suppression
    }

    /// `period`, `group`, `suppressed`, then `suppression` for a suppressed cell or the figures of a shown one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(period, forKey: .period)
        try container.encode(group, forKey: .group)
        try container.encode(suppressed, forKey: .suppressed)
        try container.encodeIfPresent(suppression, forKey: .suppression)
        try figures?.encode(to: encoder)
    }

    /// Reads the form ``encode(to:)`` writes; flags and CHIME means come in the order of the instrument definition
    /// in the decoder's ``TrendRelease/definitionsKey`` (by name without one).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        period = try container.decode(String.self, forKey: .period)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        if try container.decode(Bool.self, forKey: .suppressed) {
            figures = nil
            suppression = try container.decode(Suppression.self, forKey: .suppression)
        } else {
            figures = try TrendFigures(from: decoder)
            suppression = nil
        }
    }
}
