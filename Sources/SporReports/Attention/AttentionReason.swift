public import SporInstruments

/// Why a citizen is on the attention list: one observation about their latest responses, in neutral words.
public struct AttentionReason: Hashable, Sendable, Encodable {
    /// The kinds of observation, most urgent first.
    public enum Code: String, Hashable, Sendable, Encodable, CaseIterable, Comparable {
        /// The latest WHO-5 score is at very low wellbeing (28 or less).
        case veryLowWellbeing
        /// The latest scored response fell by the instrument's meaningful-change threshold or more since the one before.
        case deteriorated
        /// The latest Brief INSPIRE-O score is below the recovery cut-off and lower than the one before.
        case belowCutoffAndFalling
        /// An item of the latest WHO-5 response was answered 0 or 1.
        case itemAtFloor
        /// No response at all for more than the configured number of days.
        case noRecentResponse

        /// The position in the order of urgency, 0 the most urgent.
        public var urgency: Int {
            switch self {
            case .veryLowWellbeing: 0
            case .deteriorated: 1
            case .belowCutoffAndFalling: 2
            case .itemAtFloor: 3
            case .noRecentResponse: 4
            }
        }

        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.urgency < rhs.urgency }
    }

    public var code: Code
    /// The instrument the observation is about; `nil` for ``Code/noRecentResponse``.
    public var instrument: InstrumentID?
    /// The date of the response the observation is about (for ``Code/noRecentResponse`` the latest response).
    public var administeredAt: CalendarDate
    /// The score of that response, when it has one.
    public var score: Int?
    /// The change since the scored response before it, when there is one.
    public var change: Int?
    /// One plain-language line, such as "WHO-5 faldt 16 point til 32 siden forrige besvarelse".
    public var text: LocalizedText
}
