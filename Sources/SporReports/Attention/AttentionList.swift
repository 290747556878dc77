public import SporInstruments

/// The citizens whom staff and case workers should look at first, most urgent first: see
/// ``ResponseDataset/attentionList(units:asOf:silenceDays:)``.
public struct AttentionList: Hashable, Sendable, Encodable {
    /// The day the list was made.
    public var asOf: CalendarDate
    /// A citizen with no response for more than this many days is listed.
    public var silenceDays: Int
    public var entries: [AttentionEntry]

    /// The number of days without a response after which a citizen is listed, unless configured otherwise.
    public static let defaultSilenceDays = 120
}
