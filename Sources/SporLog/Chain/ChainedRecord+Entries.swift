import Crypto
import Foundation
import SporInstruments

extension ChainedRecord {
    /// New records for `events` by `author`, as one batch continuing a log whose next sequence number is `next`
    /// and whose last record's hash is `previousHash` (32 zero bytes for an empty log): the bytes the embedded log
    /// would write for the same events, so a store outside a data folder keeps the same chain.
    /// - Throws: ``LogError`` `invalidEvent` for an event the log would refuse (no author, an empty or unsafe reason,
    ///   a field out of range).
    public static func batch(
        _ events: [LogEvent], author: Author, atMillis millis: Int64, next: UInt64, previousHash: [UInt8]
    ) throws -> [ChainedRecord] {
        try EventLog.checkAuthor(author)
        var records: [ChainedRecord] = []
        records.reserveCapacity(events.count)
        var previous = previousHash
        for (number, event) in events.enumerated() {
            try EventLog.checkNew(event)
            let entry = LogEntry(
                sequence: next + UInt64(number), recordedAtMillis: millis, event: event, author: author)
            let continues = number < events.count - 1
            let body = RecordCodec.encodeBody(entry, previousHash: previous, continuesBatch: continues)
            let hash = Array(SHA256.hash(data: body))
            records.append(
                ChainedRecord(
                    sequence: entry.sequence, previousHash: previous, hash: hash, body: body, continuesBatch: continues)
            )
            previous = hash
        }
        return records
    }

    /// The event the record holds, with its sequence number, time and author.
    /// - Throws: ``LogError`` `corrupt` when the body is not a well-formed record.
    public func entry() throws -> LogEntry {
        do {
            return try RecordCodec.decode(body, body: 0..<body.count).0
        } catch {
            throw LogError(.corrupt, "record \(sequence) is malformed: \(error.reason)")
        }
    }
}

extension EventLog {
    /// Refuses an event the log would never write, whatever the log holds: a field out of range or a reason
    /// ``ReasonRule`` does not allow.
    static func checkNew(_ event: LogEvent) throws(LogError) {
        switch event {
        case .responseRecorded(let response, let version):
            try checkEncodable(response, version: version)
        case .responseCorrected(let response, let version, let reason):
            try checkEncodable(response, version: version)
            if let error = ReasonRule.check(reason) { throw LogError(.invalidEvent, error.message) }
        case .responseRetracted(_, let reason):
            if let error = ReasonRule.check(reason) { throw LogError(.invalidEvent, error.message) }
        }
    }
}
