/// How the answers were given.
public enum AdministrationMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// The citizen filled it in alone.
    case `self` = "self"
    /// Answered together with staff.
    case withStaff = "with-staff"
    /// Transcribed from a paper form.
    case paper
}
