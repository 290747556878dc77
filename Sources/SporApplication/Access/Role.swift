/// What a bearer token may do (docs/access.md).
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    /// Records responses for its own units and reads citizens seen in those units.
    case staff
    /// Reads any citizen's trajectory and summary, and reports.
    case caseworker
    /// Reads reports only: never individual data.
    case strategic
    /// Everything.
    case admin
}
