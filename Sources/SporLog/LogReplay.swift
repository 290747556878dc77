import Crypto
public import Foundation

/// Read-only replays of a data folder's log that report where they ended, without taking the folder's lock.
///
/// ```swift
/// var mark = try LogReplay.replay(folder: folder) { entry in try dataset.apply(entry) }
/// // later, after more appends:
/// if let known = mark { mark = try LogReplay.replay(folder: folder, after: known) { try dataset.apply($0) } }
/// ```
public enum LogReplay {
    /// Replays the whole log, checking every frame, checksum, sequence number and chain link as
    /// ``LogVerifier/verify(folder:visit:)`` does, and returns the mark after the last committed record (`nil` for an
    /// empty log). A torn record or unfinished batch at the very end is skipped, as opening would cut it off.
    /// - Parameter limit: stop after this many records (a batch's end), not reading what a writer appends meanwhile;
    ///   `nil` to read to the end.
    /// - Throws: ``LogError`` `corrupt` naming the segment and offset of the first break, `invalidKey` when the log
    ///   holds data and the pseudonymisation key at hand is missing or not the log's, or what `visit` throws.
    public static func replay(
        folder: URL, upTo limit: UInt64? = nil, visit: (LogEntry) throws -> Void
    ) throws -> LogMark? {
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw LogError(.io, "the data folder \(folder.path) does not exist")
        }
        try Pseudonymiser.check(folder: folder)
        if limit == 0 { return nil }
        struct Reached: Error {}
        var last: (segment: UInt32, offset: Int, hash: [UInt8]?)?
        var records: UInt64 = 0
        var headHash: [UInt8]?
        do {
            let outcome = try LogScanner(folder: folder).scan(decodeEntries: true) { record in
                guard let entry = record.entry else { return }
                try visit(entry)
                records += 1
                last = (record.segment, record.offset, record.hash.map { $0.withUnsafeBytes { Array($0) } })
                if records == limit { throw Reached() }
            }
            headHash = outcome.headHash?.withUnsafeBytes { Array($0) }
            records = outcome.records
        } catch is Reached {
            headHash = last?.hash
        }
        guard let last, let headHash else { return nil }
        return LogMark(records: records, segment: last.segment, offset: last.offset, headHash: headHash)
    }

    /// The mark right after record `records` (a batch's last record), found by reading only the records after the
    /// known `mark`, which they must continue; `nil` when the log does not continue it or does not reach `records`
    /// at the end of a batch. For a snapshot of state that holds exactly the first `records` records.
    public static func mark(folder: URL, after mark: LogMark, records: UInt64) throws -> LogMark? {
        guard records >= mark.records else { return nil }
        if records == mark.records { return mark }
        let found = try replay(folder: folder, after: mark, upTo: records) { _ in }
        return found?.records == records ? found : nil
    }

    /// The mark right after record `records`, found by reading the log from its start (and checking it as a full
    /// replay does) up to that record; `nil` when the log holds fewer records.
    public static func mark(folder: URL, records: UInt64) throws -> LogMark? {
        guard records > 0 else { return nil }
        struct Reached: Error {}
        var found: LogMark?
        do {
            _ = try LogScanner(folder: folder).scan(decodeEntries: false) { record in
                guard record.sequence == records - 1, let hash = record.hash else { return }
                found = LogMark(
                    records: records, segment: record.segment, offset: record.offset,
                    headHash: hash.withUnsafeBytes { Array($0) })
                throw Reached()
            }
        } catch is Reached {}
        return found
    }

    /// Replays only the records committed after `mark` and returns the mark after the last of them.
    ///
    /// First checks that the log still holds, at the mark's place, a record with the mark's sequence number and
    /// hash; then checks every later record's frame, checksum, sequence number and chain link. The records before the
    /// mark are not read: that they were not changed since the mark was taken is trusted (``LogVerifier`` checks
    /// the whole chain).
    ///
    /// Returns `nil` when the log does not continue the mark (it was replaced, cut back or is damaged after the
    /// mark); entries may have been visited by then, so the caller should start over with a full replay, which
    /// reports any damage precisely. A torn record or unfinished batch at the very end is skipped.
    /// - Parameter limit: stop once this many records are read (a batch's end), not reading what a writer appends
    ///   meanwhile; `nil` to read to the end.
    /// - Throws: ``LogError`` `invalidKey` as the full replay does, or what `visit` throws.
    public static func replay(
        folder: URL, after mark: LogMark, upTo limit: UInt64? = nil, visit: (LogEntry) throws -> Void
    ) throws -> LogMark? {
        guard mark.records > 0, mark.headHash.count == 32 else { return nil }
        try Pseudonymiser.check(folder: folder)
        let segments: [UInt32]
        do {
            segments = try SegmentName.list(in: folder)
        } catch {
            return nil
        }
        guard let lastSegment = segments.last, segments.contains(mark.segment) else { return nil }
        var state = TailState(mark: mark, limit: limit)
        for segment in segments where segment >= mark.segment {
            let start = segment == mark.segment ? mark.offset : SegmentName.magic.count
            guard
                let bytes = try? readSegment(
                    folder: folder, segment: segment, from: segment == mark.segment ? start : 0)
            else { return nil }
            if segment != mark.segment {
                guard bytes.count >= SegmentName.magic.count,
                    bytes[0..<SegmentName.magic.count].elementsEqual(SegmentName.magic)
                else {
                    // A header cut short in the last segment is a torn end, as in a full replay.
                    if segment == lastSegment, bytes.count < SegmentName.magic.count,
                        SegmentName.magic.starts(with: bytes)
                    {
                        break
                    }
                    return nil
                }
            }
            let base = segment == mark.segment ? 0 : SegmentName.magic.count
            switch try state.scan(
                bytes, from: base, segment: segment, fileOffset: start - base, isLast: segment == lastSegment,
                visit: visit)
            {
            case .continues: continue
            case .reachedLimit: return state.committed
            case .torn: return state.seenMarkRecord ? state.committed : nil
            case .broken: return nil
            }
        }
        return state.seenMarkRecord ? state.committed : nil
    }

    /// Reads a segment file from `offset` to its end.
    private static func readSegment(folder: URL, segment: UInt32, from offset: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: folder.appendingPathComponent(SegmentName.fileName(segment)))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return [UInt8](try handle.readToEnd() ?? Data())
    }

    /// What a tail replay has checked so far.
    private struct TailState {
        let mark: LogMark
        /// Stop once this many records are committed; `nil` to read to the end.
        let limit: UInt64?
        var seenMarkRecord = false
        var previousHash: SHA256Digest?
        var nextSequence: UInt64
        /// Records of a batch whose last record has not been read yet.
        var batch: [LogEntry] = []
        var committed: LogMark

        enum Outcome {
            case continues, torn, broken, reachedLimit
        }

        init(mark: LogMark, limit: UInt64?) {
            self.mark = mark
            self.limit = limit
            nextSequence = mark.records - 1
            committed = mark
        }

        /// Checks the frames in `bytes` from `start`; `fileOffset` + an index is the offset in the segment file.
        mutating func scan(
            _ bytes: [UInt8], from start: Int, segment: UInt32, fileOffset: Int, isLast: Bool,
            visit: (LogEntry) throws -> Void
        ) throws -> Outcome {
            var position = start
            while position < bytes.count {
                let remaining = bytes.count - position
                guard remaining >= RecordCodec.frameHeaderSize else { return isLast ? .torn : .broken }
                var reader = ByteReader(bytes, from: position, to: bytes.count)
                let length = Int(reader.integer(UInt32.self)!)
                let crc = reader.integer(UInt32.self)!
                guard length >= RecordCodec.bodyHeaderSize, length <= RecordCodec.maximumBodySize else {
                    return isLast && bytes[position...].allSatisfy({ $0 == 0 }) ? .torn : .broken
                }
                // As in a full scan: damage is a torn end only when nothing valid follows it.
                let nothingFollows = {
                    bytes.withUnsafeBytes { !LogScanner.validFrameFollows(in: $0, after: position) }
                }
                let body = position + RecordCodec.frameHeaderSize..<position + RecordCodec.frameHeaderSize + length
                guard body.upperBound <= bytes.count else { return isLast && nothingFollows() ? .torn : .broken }
                guard bytes[body].withUnsafeBytes({ RecordCodec.checksum(length: UInt32(length), body: $0) }) == crc
                else {
                    let zeros = bytes[body.upperBound...].allSatisfy { $0 == 0 }
                    return isLast && zeros && nothingFollows() ? .torn : .broken
                }
                guard let (entry, header) = try? RecordCodec.decode(bytes, body: body) else { return .broken }
                guard header.sequence == nextSequence else { return .broken }
                let hash = bytes[body].withUnsafeBytes { SHA256.hash(data: $0) }
                if !seenMarkRecord {
                    // The record at the mark: the same bytes as when the mark was taken, ending a batch.
                    let same = hash.withUnsafeBytes { $0.elementsEqual(mark.headHash) }
                    guard same, !header.continuesBatch else { return .broken }
                    seenMarkRecord = true
                    if let limit, mark.records >= limit { return .reachedLimit }
                } else {
                    let linked = previousHash!.withUnsafeBytes { $0.elementsEqual(header.previousHash) }
                    guard linked else { return .broken }
                    batch.append(entry)
                    if !header.continuesBatch {
                        for entry in batch { try visit(entry) }
                        committed = LogMark(
                            records: nextSequence + 1, segment: segment, offset: fileOffset + position,
                            headHash: hash.withUnsafeBytes { Array($0) })
                        batch.removeAll(keepingCapacity: true)
                        if let limit, committed.records >= limit { return .reachedLimit }
                    }
                }
                previousHash = hash
                nextSequence += 1
                position = body.upperBound
            }
            return .continues
        }
    }
}
