/// The last record of a log as an admin keeps it: its sequence number and the SHA-256 of its body, written
/// `SEQ:HASH` (`spor verify` prints it; `--expect-head` takes it back).
///
/// A head kept outside the data folder proves later that the records up to it are still there and unchanged: the
/// hash chain ties every earlier record to it.
public struct LogHead: Hashable, Sendable, CustomStringConvertible {
    /// The sequence number of the record (the first record is 0).
    public var sequence: UInt64
    /// The SHA-256 of the record's body: 64 lowercase hex digits.
    public var hash: String

    public init(sequence: UInt64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// Parses `SEQ:HASH`; `nil` unless SEQ is a number and HASH 64 hex digits.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = UInt64(parts[0]), parts[1].utf8.count == 64,
            parts[1].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0) })
        else { return nil }
        self.init(sequence: sequence, hash: parts[1].lowercased())
    }

    /// `SEQ:HASH`.
    public var description: String { "\(sequence):\(hash)" }
}
