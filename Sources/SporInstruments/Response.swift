public import Foundation

/// A validated response with its citizen resolved to a pseudonymous id: what the log stores.
public struct Response: Hashable, Sendable {
    /// The idempotency key.
    public var id: UUID
    public var citizen: CitizenID
    public var instrument: InstrumentID
    public var administeredAt: CalendarDate
    /// One entry per item, `nil` when unanswered.
    public var answers: [Int?]
    /// The social offer.
    public var unit: Label?
    /// The step on the intervention staircase, such as `SEL85`.
    public var intervention: Label?
    public var mode: AdministrationMode?

    public init(
        id: UUID, citizen: CitizenID, instrument: InstrumentID, administeredAt: CalendarDate, answers: [Int?],
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
}
