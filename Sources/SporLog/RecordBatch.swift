public import SporInstruments

/// Responses to record in bulk, kept as the log's payload bytes (about 70 bytes a response, one buffer for all):
/// built by an importer, checked with ``EventLog/classify(_:)`` and written with ``EventLog/record(_:)``.
///
/// A batch has one author (an import names the file it read), kept once and added to each record as it is
/// written, not stored with every payload.
///
/// ```swift
/// var batch = RecordBatch(author: .import(user: user, fileSHA256: digest))
/// try batch.append(response, definitionVersion: "1.0.0")
/// let classified = try await log.classify([batch])
/// let written = try await log.record(classified)
/// ```
public struct RecordBatch: Sendable {
    /// What ``EventLog/classify(_:)`` found for one response.
    public enum Status: UInt8, Sendable {
        /// Not stored yet: ``EventLog/record(_:)`` writes it.
        case new
        /// Stored with the same content, or given earlier in the batches with the same content: skipped.
        case alreadyStored
        /// Its id is stored with other content.
        case conflictsWithStored
        /// Its id is given earlier in the batches with other content.
        case conflictsWithEarlier
    }

    /// The payloads, one after another.
    private(set) var bytes: [UInt8] = []
    /// Where each payload ends in `bytes`.
    private(set) var ends: [Int] = []
    /// One status a response once classified; empty before.
    public internal(set) var statuses: [Status] = []
    /// The log's record count when the statuses were set, so `record` knows whether they still hold; `nil` before.
    public internal(set) var classifiedAt: UInt64?
    /// Who writes the responses: the author of each of their records.
    public let author: Author

    /// An empty batch of responses written by `author`.
    public init(author: Author) {
        self.author = author
    }

    /// The number of responses.
    public var count: Int { ends.count }

    /// The number of responses classified as new: those recording the batch writes.
    public var newCount: Int { statuses.lazy.filter { $0 == .new }.count }

    /// Makes room for payloads of `bytes` bytes in all (about 70 a response) without growing on the way.
    public mutating func reserveCapacity(bytes: Int) {
        self.bytes.reserveCapacity(bytes)
        ends.reserveCapacity(bytes / 64)
    }

    /// Adds a response to record under `definitionVersion` of its instrument.
    /// - Throws: ``LogError`` `invalidEvent` when a field does not fit the record format.
    public mutating func append(_ response: Response, definitionVersion: String) throws(LogError) {
        try EventLog.checkEncodable(response, version: definitionVersion)
        var writer = ByteWriter()
        swap(&writer.bytes, &bytes)
        RecordCodec.encode(response, version: definitionVersion, into: &writer)
        swap(&writer.bytes, &bytes)
        ends.append(bytes.count)
        statuses = []
        classifiedAt = nil
    }

    /// The responses ``EventLog/classify(_:)`` found new, with their definition versions, read back from their
    /// payloads, in order: what ``EventLog/recordSpan(_:recordedAtMillis:)`` writes of this batch.
    /// - Throws: ``LogError`` `invalidEvent` when a payload cannot be read back.
    public func newResponses() throws(LogError) -> [(Response, String)] {
        var responses: [(Response, String)] = []
        responses.reserveCapacity(statuses.count)
        for row in statuses.indices where statuses[row] == .new { responses.append(try decoded(row)) }
        return responses
    }

    /// Response `row` and its definition version, read back from its payload.
    /// - Throws: ``LogError`` `invalidEvent` when the payload cannot be read back.
    func decoded(_ row: Int) throws(LogError) -> (Response, String) {
        var reader = ByteReader(bytes, from: row == 0 ? 0 : ends[row - 1], to: ends[row])
        // `append` encoded these bytes from a `Response`, whose fields were checked when it was made.
        guard let decoded = RecordCodec.decodeResponse(&reader, checking: false) else {
            throw LogError(.invalidEvent, "a response of the batch cannot be read back")
        }
        return decoded
    }

    /// The payload of response `row`.
    func withPayload<Result>(_ row: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let start = row == 0 ? 0 : ends[row - 1]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[row]])) }
    }
}
