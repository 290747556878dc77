public import SporInstruments

/// The citizens whom staff and case workers should look at first, most urgent first: see
/// ``ResponseDataset/attentionList(scope:asOf:silenceDays:limit:)``.
public struct AttentionList: Hashable, Sendable, Encodable {
    /// The day the list was made.
    public var asOf: CalendarDate
    /// A citizen with no response for more than this many days is listed.
    public var silenceDays: Int
    /// How many citizens are on the whole list.
    public var total: Int
    /// The citizens, most urgent first: all ``total`` of them, or the first `limit`.
    public var entries: [AttentionEntry]

    /// The number of days without a response after which a citizen is listed, unless configured otherwise.
    public static let defaultSilenceDays = 120
    /// How many citizens a page or an API answer shows unless asked for more: a list read at a follow-up is read
    /// from the top, and every citizen shown is an audited read.
    public static let defaultLimit = 100
    /// The most a caller may ask for at once.
    public static let maximumLimit = 1000
}
