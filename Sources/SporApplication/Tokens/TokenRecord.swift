public import Foundation
public import SporInstruments

/// One entry of `tokens.json`: the SHA-256 of a bearer token and what the token may do. The token itself is
/// never stored.
public struct TokenRecord: Hashable, Sendable, Codable {
    /// A readable name, unique in the store; it is what the audit trail records as "who".
    public var name: String
    public var role: Role
    public var units: [Label]
    /// The SHA-256 of the token, 64 lowercase hex digits.
    public var hash: String
    public var created: Date
    /// When the token was revoked; a revoked token is refused with 401.
    public var revoked: Date?

    public init(name: String, role: Role, units: [Label], hash: String, created: Date, revoked: Date? = nil) {
        self.name = name
        self.role = role
        self.units = units
        self.hash = hash
        self.created = created
        self.revoked = revoked
    }

    /// The identity a request made with this token acts as.
    public var identity: Identity { Identity(name: name, role: role, units: Set(units)) }
}
