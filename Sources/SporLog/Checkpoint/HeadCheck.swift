import Foundation

/// Holds a log to the heads it must still contain: its newest checkpoint's and any given by an admin.
///
/// Each head's record must be there with the same hash, so records it covers that are gone (a deleted or cut
/// segment, a damaged end taken for an unfinished write) or changed (the end of the chain rewritten) are found.
/// After the scan, the checkpoint's segment lengths name a deleted or shortened segment.
struct HeadCheck {
    /// A head the log must hold, and what it came from, for messages.
    struct Expected {
        var head: LogHead
        var source: String
        /// Where the head record ends, when known (a checkpoint's).
        var end: LogScanner.Position?
    }

    private(set) var expected: [Expected] = []

    /// The lowest sequence number a head names: records from there on must be hashed.
    var firstSequence: UInt64? { expected.map(\.head.sequence).min() }

    init(checkpoint: LogCheckpoint?, file: URL, heads: [LogHead] = []) {
        if let checkpoint, let head = checkpoint.head {
            expected.append(
                Expected(
                    head: head,
                    source: "the checkpoint written \(Self.time(checkpoint.writtenAtMillis)) (\(file.path))",
                    end: LogScanner.Position(segment: checkpoint.endSegment, offset: checkpoint.endOffset)))
        }
        for head in heads { expected.append(Expected(head: head, source: "the expected head \(head)", end: nil)) }
    }

    /// Checks that the segments reach where each head record ends (a checkpoint's), without reading them.
    /// - Throws: ``LogError`` `corrupt` naming the missing segment, or the short one and its length.
    func checkLengths(_ scanner: LogScanner) throws {
        let segments = try SegmentName.list(in: scanner.folder)
        for item in expected {
            guard let end = item.end else { continue }
            guard let last = segments.last, last >= end.segment else {
                let missing = (segments.last ?? 0) + 1
                throw LogError.corrupt(
                    "\(SegmentName.fileName(missing)) is missing, but \(item.source) holds records up to sequence \(item.head.sequence), in segments up to \(SegmentName.fileName(end.segment))",
                    segment: missing, offset: 0)
            }
            let size = try scanner.fileSize(SegmentName.fileName(end.segment))
            guard size >= end.offset else {
                throw LogError.corrupt(
                    "the segment ends at byte \(size), but \(item.source) holds records up to sequence \(item.head.sequence), which end at byte \(end.offset)",
                    segment: end.segment, offset: size)
            }
        }
    }

    /// Checks a record against the heads with its sequence number.
    func check(_ record: LogScanner.Record) throws {
        for item in expected where item.head.sequence == record.sequence {
            let hash = record.hash.map { EventLog.hex($0) } ?? "not computed"
            guard hash == item.head.hash else {
                throw LogError.corrupt(
                    "record \(record.sequence) is not the one \(item.source) holds (its hash is \(hash)): the log was changed after that head was taken",
                    segment: record.segment, offset: record.offset)
            }
        }
    }

    /// Checks that the scanned log reaches every head: that nothing a head covers was cut or taken for a torn end.
    func checkCovered(_ outcome: LogScanner.Outcome) throws {
        guard let item = expected.first(where: { $0.head.sequence >= outcome.records }) else { return }
        let end = outcome.end ?? LogScanner.Position(segment: 1, offset: 0)
        if outcome.tornBytes > 0 {
            throw LogError.corrupt(
                "\(outcome.tornReason ?? "the end is damaged"), but \(item.source) holds records up to sequence \(item.head.sequence): this is damage to acknowledged records, not an unfinished write",
                segment: end.segment, offset: end.offset)
        }
        throw LogError.corrupt(
            "the log ends after \(outcome.records) records, but \(item.source) holds records up to sequence \(item.head.sequence): records at the end are missing",
            segment: end.segment, offset: end.offset)
    }

    /// A time in milliseconds since 1970 as `2026-11-30 13:02:11 UTC`.
    static func time(_ millis: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
