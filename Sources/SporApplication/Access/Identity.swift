public import SporInstruments

/// Who is calling: the token's name, role and units. Never the token itself.
public struct Identity: Hashable, Sendable {
    public var name: String
    public var role: Role
    /// The units a staff token works in; empty for the other roles.
    public var units: Set<Label>

    public init(name: String, role: Role, units: Set<Label>) {
        self.name = name
        self.role = role
        self.units = units
    }
}
