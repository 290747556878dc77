/// One record of the log as it is stored, for moving a log between stores without changing a byte: its sequence
/// number, the hash of the record before it, its own hash and its body (the bytes a segment frame holds after the
/// length and checksum, `RecordCodec.swift`). The hash is the SHA-256 of the body, and the body itself carries the
/// sequence number and the previous hash, so a store that keeps the body keeps the chain.
public struct ChainedRecord: Hashable, Sendable {
    /// 0, 1, 2, … without gaps.
    public var sequence: UInt64
    /// The SHA-256 of the previous record's body; 32 zero bytes for the first record.
    public var previousHash: [UInt8]
    /// The SHA-256 of `body`.
    public var hash: [UInt8]
    /// The record's body, exactly as the log frames it.
    public var body: [UInt8]
    /// Whether more records of the same batch follow (the body's flag): a batch is stored whole or not at all.
    public var continuesBatch: Bool

    public init(sequence: UInt64, previousHash: [UInt8], hash: [UInt8], body: [UInt8], continuesBatch: Bool) {
        self.sequence = sequence
        self.previousHash = previousHash
        self.hash = hash
        self.body = body
        self.continuesBatch = continuesBatch
    }

    /// A record stored as `body` under `sequence` beside `previousHash` (a table's columns, which a chain check holds
    /// to the body's own), its batch flag read from the body's header; a body too short for a header continues no
    /// batch (the chain check refuses it).
    public init(sequence: UInt64, previousHash: [UInt8], hash: [UInt8], body: [UInt8]) {
        self.init(
            sequence: sequence, previousHash: previousHash, hash: hash, body: body,
            continuesBatch: RecordCodec.header(body)?.continuesBatch ?? false)
    }

    /// A record from its body alone: the sequence number, the previous hash and the batch flag as the body's header
    /// holds them; `nil` when the body is too short for a header.
    public init?(body: [UInt8], hash: [UInt8]) {
        guard let header = RecordCodec.header(body) else { return nil }
        self.init(
            sequence: header.sequence, previousHash: Array(header.previousHash), hash: hash, body: body,
            continuesBatch: header.continuesBatch)
    }

    /// The hash as 64 lowercase hex digits.
    public var hashHex: String { EventLog.hex(hash) }
}
