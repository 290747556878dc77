public import Foundation

/// A response that passed validation but whose citizen may still be a CPR number.
///
/// Resolve it with ``resolved(id:citizen:)`` once the CPR number is pseudonymised.
public struct ResponseDraft: Hashable, Sendable {
    /// Who answered: a pseudonymous id, or a CPR number still to be pseudonymised.
    public enum Citizen: Hashable, Sendable {
        case id(CitizenID)
        case cpr(CPRNumber)
    }

    /// The client's idempotency key, if it gave one.
    public var id: UUID?
    public var citizen: Citizen
    public var instrument: InstrumentID
    public var administeredAt: CalendarDate
    public var answers: [Int?]
    public var unit: Label?
    public var intervention: Label?
    public var mode: AdministrationMode?

    /// The response to store, with a final id and a pseudonymous citizen.
    public func resolved(id: UUID, citizen: CitizenID) -> Response {
        Response(
            id: id, citizen: citizen, instrument: instrument, administeredAt: administeredAt, answers: answers,
            unit: unit, intervention: intervention, mode: mode)
    }
}
