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

    public init(
        id: UUID?, citizen: Citizen, instrument: InstrumentID, administeredAt: CalendarDate, answers: [Int?],
        unit: Label? = nil, intervention: Label? = nil, mode: AdministrationMode? = nil
    ) {
        self.id = id
        self.citizen = citizen
        self.instrument = instrument
        self.administeredAt = administeredAt
        self.answers = answers
        self.unit = unit
        self.intervention = intervention
        self.mode = mode
    }

    /// The response to store, with a final id and a pseudonymous citizen.
    public func resolved(id: UUID, citizen: CitizenID) -> Response {
        Response(
            id: id, citizen: citizen, instrument: instrument, administeredAt: administeredAt, answers: answers,
            unit: unit, intervention: intervention, mode: mode)
    }
}
