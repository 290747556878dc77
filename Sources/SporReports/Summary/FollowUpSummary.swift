public import SporInstruments

/// What happened for one citizen since a date (the last follow-up meeting), per instrument.
public struct FollowUpSummary: Hashable, Sendable, Encodable {
    public var citizen: String
    /// Responses dated on or after this day count as "since".
    public var since: CalendarDate
    /// The day the summary was made, for the "older than six months" note.
    public var asOf: CalendarDate
    /// One entry per instrument the citizen has responses for, in catalog order.
    public var instruments: [InstrumentSummary]

    public init(citizen: String, since: CalendarDate, asOf: CalendarDate, instruments: [InstrumentSummary]) {
        self.citizen = citizen
        self.since = since
        self.asOf = asOf
        self.instruments = instruments
    }
}
