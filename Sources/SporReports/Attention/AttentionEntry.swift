public import SporInstruments

/// One citizen on the attention list, with every reason they are on it, most urgent first.
public struct AttentionEntry: Hashable, Sendable, Encodable {
    /// The pseudonymous citizen id.
    public var citizen: String
    /// The unit of the citizen's latest response, if it has one.
    public var unit: String?
    /// The date of the citizen's latest response, of any instrument.
    public var lastResponse: CalendarDate
    public var reasons: [AttentionReason]
}
