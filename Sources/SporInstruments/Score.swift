/// The scored form of one response: raw sum, 0–100 score and flags, or `complete == false` with no score.
public struct Score: Hashable, Sendable {
    /// One item value labelled with its recovery process (the CHIME profile of Brief INSPIRE-O).
    public struct DomainValue: Hashable, Sendable {
        public var domain: String
        public var value: Int?
    }

    public var instrument: InstrumentID
    /// The definition version this score was computed under.
    public var version: String
    /// Whether every item is answered; only complete responses have a score.
    public var complete: Bool
    public var answers: [Int?]
    /// The item sum, `nil` when incomplete.
    public var raw: Int?
    /// The 0–100 score, `nil` when incomplete.
    public var score: Int?
    /// The flags that hold, sorted by name; `incomplete` when an item is unanswered.
    public var flags: [Flag]
    /// Item values by domain, in item order; empty for instruments without domains.
    public var profile: [DomainValue]

    public func has(_ flag: Flag) -> Bool { flags.contains(flag) }
}
