/// One period and group of a trend report: its figures, or only the fact that it is suppressed.
public struct TrendCell: Hashable, Sendable, Encodable {
    /// `2026-03`, `2026-Q1` or `2026`.
    public var period: String
    /// The unit or intervention, `all` when not grouped, `nil` for counted responses without the label.
    public var group: String?
    /// `nil` when the cell has fewer citizens than the report's `minCell`.
    public var figures: TrendFigures?

    public init(period: String, group: String?, figures: TrendFigures?) {
        self.period = period
        self.group = group
        self.figures = figures
    }

    /// Whether the figures are withheld.
    public var suppressed: Bool { figures == nil }

    /// The label group for grouping `none`.
    public static let allGroup = "all"

    private enum Key: String, CodingKey {
        case period, group, suppressed
    }

    /// `period`, `group`, `suppressed`, then the figures unless suppressed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(period, forKey: .period)
        try container.encode(group, forKey: .group)
        try container.encode(suppressed, forKey: .suppressed)
        try figures?.encode(to: encoder)
    }
}
