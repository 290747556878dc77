/// A place in the log right after a committed record, with what identifies the log up to there: the number of
/// records, where the last of them starts and the SHA-256 of its body (the link the next record carries).
///
/// A derived file (such as a snapshot of state replayed from the log) keeps the mark it was made at;
/// ``LogReplay/replay(folder:after:visit:)`` then reads only what was appended since, after checking that the
/// record at the mark is still the one it was.
public struct LogMark: Hashable, Sendable {
    /// Records before the mark.
    public var records: UInt64
    /// The segment number of the last record before the mark.
    public var segment: UInt32
    /// The byte offset of the last record before the mark in its segment.
    public var offset: Int
    /// The SHA-256 of the last record's body, 32 bytes.
    public var headHash: [UInt8]

    public init(records: UInt64, segment: UInt32, offset: Int, headHash: [UInt8]) {
        self.records = records
        self.segment = segment
        self.offset = offset
        self.headHash = headHash
    }
}
