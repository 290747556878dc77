/// What a trend report groups citizens by, within each period.
public enum ReportGrouping: String, Hashable, Sendable, Codable, CaseIterable {
    /// The social offer on the counted response.
    case unit
    /// The intervention code on the counted response.
    case intervention
    /// One group, `all`.
    case none
}
