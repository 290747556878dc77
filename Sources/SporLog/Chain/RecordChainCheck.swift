import Crypto

/// Checks records stored outside a data folder (a database row each) one by one, in sequence order, as the log's
/// own scan checks its frames: the sequence numbers run 0, 1, 2, … without a gap, each body is a well-formed record
/// carrying that sequence number and the previous record's hash, and each stored hash is the SHA-256 of its body.
public struct RecordChainCheck: Sendable {
    /// The sequence number the next record must have.
    public private(set) var nextSequence: UInt64 = 0
    /// The hash of the last record checked, 32 zero bytes before the first.
    public private(set) var headHash: [UInt8] = RecordCodec.zeroHash
    /// Whether the last record checked said more records of its batch follow.
    public private(set) var inBatch = false

    /// A check of a whole log, from sequence number 0.
    public init() {}

    /// A check that continues after records already checked: `nextSequence` and the hash of the record before it.
    public init(nextSequence: UInt64, headHash: [UInt8]) {
        self.nextSequence = nextSequence
        self.headHash = headHash
    }

    /// Checks the next record.
    /// - Parameters:
    ///   - sequence: the sequence number it is stored under.
    ///   - previousHash: the previous hash stored beside it; `nil` stands for 32 zero bytes.
    ///   - hash: the hash stored beside it.
    ///   - body: the record's bytes.
    /// - Returns: what is wrong, in a sentence that names no content of the record; `nil` when it is intact.
    public mutating func check(sequence: Int64, previousHash: [UInt8]?, hash: [UInt8], body: [UInt8]) -> String? {
        guard sequence >= 0, UInt64(sequence) == nextSequence else {
            return sequence > nextSequence
                ? "sequence number \(sequence) follows \(Int64(nextSequence) - 1): records \(nextSequence)...\(sequence - 1) are missing"
                : "sequence number \(sequence) appears where \(nextSequence) was expected (out of order or repeated)"
        }
        guard Array(SHA256.hash(data: body)) == hash else {
            return "the record's bytes do not match its stored hash (the record or the hash was changed)"
        }
        let header: RecordCodec.Header
        do throws(RecordCodec.DecodeFailure) {
            header = try RecordCodec.decode(body, body: 0..<body.count).1
        } catch {
            return "the record is malformed: \(error.reason)"
        }
        guard header.sequence == nextSequence else {
            return "the record carries sequence number \(header.sequence) but is stored as \(sequence)"
        }
        guard Array(header.previousHash) == headHash, (previousHash ?? RecordCodec.zeroHash) == headHash else {
            return "the record does not carry the hash of the record before it (the chain is broken)"
        }
        headHash = hash
        inBatch = header.continuesBatch
        nextSequence += 1
        return nil
    }

    /// What is wrong with the end of the records: `nil` unless the last one says more of its batch follow.
    public var unfinishedEnd: String? {
        inBatch ? "the last record's batch is unfinished (records of it are missing at the end)" : nil
    }

    /// The head hash as 64 hex digits.
    public var headHashHex: String { EventLog.hex(headHash) }
}
