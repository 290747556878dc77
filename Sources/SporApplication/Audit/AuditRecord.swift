public import Foundation
public import SporInstruments

/// One line of `audit.log`: who read which citizen's data, when, through which endpoint.
public struct AuditRecord: Hashable, Sendable, Codable {
    /// When the access happened, to the millisecond.
    public var at: Date
    /// The token's name.
    public var who: String
    public var role: Role
    /// The pseudonymous id, never a CPR number; `nil` for a bulk read of many citizens at once (a log dump, a
    /// report with cells under the minimum).
    public var citizen: CitizenID?
    /// The method and route template, such as `GET /v1/citizens/{citizen}/trajectory`.
    public var endpoint: String

    public init(at: Date, who: String, role: Role, citizen: CitizenID?, endpoint: String) {
        self.at = at
        self.who = who
        self.role = role
        self.citizen = citizen
        self.endpoint = endpoint
    }
}
