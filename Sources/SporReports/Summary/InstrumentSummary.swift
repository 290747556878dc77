public import Foundation
public import SporInstruments

/// A follow-up summary for one instrument.
public struct InstrumentSummary: Hashable, Sendable, Encodable {
    /// A scored response, briefly.
    public struct Point: Hashable, Sendable, Encodable {
        public var id: UUID
        public var administeredAt: CalendarDate
        public var score: Int
        public var flags: [Flag]
    }

    /// Something the reader should notice.
    public struct Note: Hashable, Sendable, Encodable {
        /// `latestOlderThanSixMonths`, `noResponseSince` or `noScoredResponse`.
        public var code: String
        public var text: LocalizedText
    }

    public var instrument: InstrumentID
    /// The first scored response ever.
    public var baseline: Point?
    /// The last scored response dated before `since`.
    public var lastBeforeSince: Point?
    /// The latest scored response.
    public var latest: Point?
    /// From the last response before `since` (or, without one, the baseline) to the latest.
    public var changeSinceFollowUp: ScoreChange?
    public var changeSinceBaseline: ScoreChange?
    /// The flags of the latest scored response.
    public var currentFlags: [Flag]
    /// Responses dated on or after `since`, incomplete ones included.
    public var responsesSince: Int
    /// Of those, the incomplete ones.
    public var incompleteSince: Int
    public var notes: [Note]
    /// One plain-language line, such as "WHO-5 rose from 36 to 52 since 2026-03-01: improved, no longer low wellbeing".
    public var text: LocalizedText
}
