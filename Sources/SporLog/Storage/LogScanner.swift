import Crypto
import Foundation
import Synchronization

/// Reads every segment of a data folder in order, checking frames, checksums, sequence numbers and the hash chain.
///
/// Records of a batch are handed on only when the batch's last record is read, so a batch cut off by a crash is
/// never replayed. A torn end is reported as `tornBytes`: damage in the last segment that looks like an unfinished
/// write (a frame cut short, or a bad frame followed only by zeros) with no valid frame anywhere after it, or an
/// unfinished batch. Any other damage throws ``LogError`` with the segment and the byte offset of the first bad
/// record. Whether a torn end may be cut (it must lie past what a checkpoint covers) is the caller's question.
struct LogScanner {
    let folder: URL

    /// A checked record with its place in the log.
    struct Record {
        /// The decoded event, when the scan decodes entries.
        var entry: LogEntry?
        /// 1 recorded, 2 corrected, 3 retracted.
        var type: UInt8
        var responseID: UUID
        /// The SHA-256 of the body; `nil` below the scan's `hashFrom`.
        var hash: SHA256Digest?
        var sequence: UInt64
        var segment: UInt32
        var offset: Int
    }

    /// Where the intact log ends.
    struct Position: Hashable, Comparable {
        var segment: UInt32
        var offset: Int

        static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.segment, lhs.offset) < (rhs.segment, rhs.offset)
        }
    }

    /// What a scan found.
    struct Outcome {
        var records: UInt64
        /// The hash of the last record, `nil` for an empty log.
        var headHash: SHA256Digest?
        var segments: [UInt32]
        /// The end of the last intact record (or of the last segment's header).
        var end: Position?
        /// Bytes past `end` that belong to a torn record or an unfinished batch, when there are any.
        var tornBytes: Int
        /// What is wrong at `end` when `tornBytes` is not 0.
        var tornReason: String?
    }

    /// Checks every record and hands each on in order.
    ///
    /// The checks that need no earlier record (frame, checksum, payload, hash) run for two segments at a time on
    /// separate threads; the sequence numbers, the links between records and `visit` follow in log order.
    /// - Parameters:
    ///   - decodeEntries: build each record's ``LogEntry``; without it only the fields the log's own state needs
    ///     are read, and the payload's lengths are checked.
    ///   - hashFrom: the first sequence number whose hash is computed and whose successors' links are checked.
    ///     Opening passes its checkpoint's head: the chain up to a checkpointed head is `spor verify`'s to walk.
    func scan(decodeEntries: Bool, hashFrom: UInt64 = 0, _ visit: (Record) throws -> Void) throws -> Outcome {
        let segments = try SegmentName.list(in: folder)
        var previousHash: SHA256Digest?
        var nextSequence: UInt64 = 0
        var committedHash: SHA256Digest?
        var committedCount: UInt64 = 0
        var committedEnd: Position?
        var batch: [Record] = []
        var tornBytes = 0
        var tornReason: String?
        let together = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
        // One buffer per thread, reused for every group: fresh memory for each segment's records cost a start at 5M
        // about 150,000 page faults (324,000 with it, 171,000 without).
        var checks = [SegmentCheck](repeating: SegmentCheck(), count: together)

        groupLoop: for groupStart in stride(from: 0, to: segments.count, by: together) {
            let group = Array(segments[groupStart..<min(groupStart + together, segments.count)])
            try checkInParallel(
                group, into: &checks, lastSegment: segments.last!, decodeEntries: decodeEntries, hashFrom: hashFrom)
            for (segment, check) in zip(group, checks) {
                if check.records.isEmpty, let damage = check.damage, damage.offset == 0 {
                    // The segment header itself.
                    if let torn = damage.tornBytes {
                        tornBytes += torn
                        tornReason = damage.message
                        break groupLoop
                    }
                    throw LogError.corrupt(damage.message, segment: segment, offset: 0)
                }
                if batch.isEmpty { committedEnd = Position(segment: segment, offset: SegmentName.magic.count) }
                for (index, checked) in check.records.enumerated() {
                    guard checked.sequence == nextSequence else {
                        throw LogError.corrupt(
                            "record has sequence number \(checked.sequence) where \(nextSequence) was expected (a record is missing or out of order)",
                            segment: segment, offset: checked.offset)
                    }
                    // `check` keeps the chain hashes of every record whose link is checked here: a record without
                    // them where one is checked is a fault in this file, and traps rather than passing unchecked.
                    let link = checked.link >= 0 ? check.links[Int(checked.link)] : nil
                    let linked: Bool
                    if checked.sequence == 0 {
                        linked = withUnsafeBytes(of: link!.previousHash) { $0.allSatisfy { $0 == 0 } }
                    } else if checked.sequence > hashFrom, let previous = previousHash {
                        linked = previous.withUnsafeBytes { expected in
                            withUnsafeBytes(of: link!.previousHash) {
                                memcmp($0.baseAddress!, expected.baseAddress!, 32) == 0
                            }
                        }
                    } else {
                        linked = true
                    }
                    guard linked else {
                        throw LogError.corrupt(
                            "record does not carry the hash of the record before it (the chain is broken)",
                            segment: segment, offset: checked.offset)
                    }
                    let record = Record(
                        entry: check.entries.isEmpty ? nil : check.entries[index], type: checked.type,
                        responseID: checked.responseID, hash: link?.hash, sequence: checked.sequence,
                        segment: segment,
                        offset: checked.offset)
                    previousHash = link?.hash
                    nextSequence += 1
                    if checked.continuesBatch {
                        batch.append(record)
                    } else {
                        for earlier in batch { try visit(earlier) }
                        try visit(record)
                        committedCount += UInt64(batch.count + 1)
                        committedHash = link?.hash
                        committedEnd = Position(segment: segment, offset: checked.end)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if let damage = check.damage {
                    guard let torn = damage.tornBytes else {
                        throw LogError.corrupt(damage.message, segment: segment, offset: damage.offset)
                    }
                    tornBytes += torn
                    tornReason = damage.message
                    break groupLoop
                }
            }
        }
        if let first = batch.first {
            // An unfinished batch at the end: everything from its first record on is torn.
            tornBytes = try bytesAfter(Position(segment: first.segment, offset: first.offset), segments: segments)
            tornReason = "a batch of records is unfinished"
        }
        if tornBytes > 0, tornReason == nil { tornReason = "a segment header is cut off" }
        return Outcome(
            records: committedCount, headHash: committedHash, segments: segments, end: committedEnd,
            tornBytes: tornBytes,
            tornReason: tornReason)
    }

    /// A record that passed the checks that need no earlier record: 48 bytes, its chain hashes kept apart, since
    /// opening a log needs them only for the records from its checkpoint's head on.
    private struct CheckedRecord {
        var offset: Int
        /// Where the record ends.
        var end: Int
        var sequence: UInt64
        var responseID: UUID
        /// The record's place in ``SegmentCheck/links``, or -1 when the scan needs neither its hash nor its link.
        var link: Int32
        var type: UInt8
        var continuesBatch: Bool
    }

    /// The chain hashes of a record whose hash or link the scan needs: the first record's link, and from `hashFrom` on
    /// the hash (and, after `hashFrom`, the link).
    private struct ChainLink {
        /// The SHA-256 of the body; `nil` below `hashFrom`.
        var hash: SHA256Digest?
        /// The hash of the previous record, as this record carries it.
        var previousHash: (UInt64, UInt64, UInt64, UInt64)
    }

    /// The first damage in a segment: what, where, and for the last segment's torn end, how many bytes.
    private struct Damage {
        var message: String
        var offset: Int
        var tornBytes: Int?
    }

    /// The records of one segment up to its first damage, if any.
    private struct SegmentCheck {
        var records: [CheckedRecord] = []
        var links: [ChainLink] = []
        /// The records' entries, when the scan decodes them.
        var entries: [LogEntry] = []
        var damage: Damage?

        /// Empties the check for the next segment, keeping its memory.
        mutating func reset() {
            records.removeAll(keepingCapacity: true)
            links.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            damage = nil
        }
    }

    /// Checks the segments of `group` at the same time, one thread each, into the first `group.count` of `checks`.
    private func checkInParallel(
        _ group: [UInt32], into checks: inout [SegmentCheck], lastSegment: UInt32, decodeEntries: Bool,
        hashFrom: UInt64
    ) throws {
        let failures = Mutex([(any Error)?](repeating: nil, count: group.count))
        checks.withUnsafeMutableBufferPointer { buffer in
            // Each thread works on its own element of `buffer` only, so no two threads touch the same check.
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: group.count) { index in
                let segment = group[index]
                buffer[index].reset()
                do {
                    try self.check(
                        segment, into: &buffer[index], isLast: segment == lastSegment, decodeEntries: decodeEntries,
                        hashFrom: hashFrom)
                } catch {
                    failures.withLock { $0[index] = error }
                }
            }
        }
        if let failure = failures.withLock({ $0.compactMap { $0 }.first }) { throw failure }
    }

    /// Runs the checks that need no earlier record over one segment into `result`; damage is reported, not thrown.
    private func check(
        _ segment: UInt32, into result: inout SegmentCheck, isLast: Bool, decodeEntries: Bool, hashFrom: UInt64
    ) throws {
        var mapped = MappedSegments(scanner: self)
        defer { mapped.unmapAll() }
        let file = try mapped.bytes(of: segment)
        let magic = SegmentName.magic
        if file.count < magic.count || !file[0..<magic.count].elementsEqual(magic) {
            if isLast, file.count < magic.count, magic.starts(with: file) {
                result.damage = Damage(message: "segment header is cut off", offset: 0, tornBytes: file.count)
            } else {
                result.damage = Damage(
                    message: file.isEmpty ? "segment is empty" : "segment does not start with the Spor header",
                    offset: 0)
            }
            return
        }
        result.records.reserveCapacity(file.count / 128)
        let damage = { (bytes: UnsafeRawBufferPointer) -> Damage? in
            var position = magic.count
            while position < bytes.count {
                let remaining = bytes.count - position
                /// Damage in the last segment is a torn write when it looks unfinished and no valid frame follows.
                func tornOrCorrupt(_ message: String, looksUnfinished: Bool = true) -> Damage {
                    let torn = isLast && looksUnfinished && !Self.validFrameFollows(in: bytes, after: position)
                    return Damage(message: message, offset: position, tornBytes: torn ? remaining : nil)
                }
                if remaining < RecordCodec.frameHeaderSize { return tornOrCorrupt("record header is cut off") }
                let length = Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian)
                let crc = bytes.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self).littleEndian
                if length < RecordCodec.bodyHeaderSize || length > RecordCodec.maximumBodySize {
                    return tornOrCorrupt(
                        "record length \(length) is outside \(RecordCodec.bodyHeaderSize)...\(RecordCodec.maximumBodySize)",
                        looksUnfinished: bytes[position...].allSatisfy { $0 == 0 })
                }
                let bodyStart = position + RecordCodec.frameHeaderSize
                let bodyEnd = bodyStart + length
                if bodyEnd > bytes.count { return tornOrCorrupt("record runs past the end of the segment") }
                let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyEnd])
                if RecordCodec.checksum(length: UInt32(length), body: body) != crc {
                    return tornOrCorrupt(
                        "record checksum does not match", looksUnfinished: bytes[bodyEnd...].allSatisfy { $0 == 0 })
                }
                let summary: RecordCodec.Summary
                do throws(RecordCodec.DecodeFailure) {
                    summary = try RecordCodec.summary(body)
                    if decodeEntries {
                        result.entries.append(try RecordCodec.decode(Array(body), body: 0..<length).0)
                    }
                } catch {
                    return Damage(message: error.reason, offset: position)
                }
                var link: Int32 = -1
                if summary.sequence == 0 || summary.sequence >= hashFrom {
                    link = Int32(result.links.count)
                    result.links.append(
                        ChainLink(
                            hash: summary.sequence >= hashFrom ? SHA256.hash(data: body) : nil,
                            previousHash: body.loadUnaligned(
                                fromByteOffset: 20, as: (UInt64, UInt64, UInt64, UInt64).self)))
                }
                result.records.append(
                    CheckedRecord(
                        offset: position, end: bodyEnd, sequence: summary.sequence, responseID: summary.id,
                        link: link, type: summary.type, continuesBatch: summary.continuesBatch))
                position = bodyEnd
            }
            return nil
        }(file)
        result.damage = damage
    }

    /// Whether a valid frame (a length in range, within the segment, and a matching checksum) starts anywhere after
    /// `position`: then the damage at `position` is not the end of an unfinished write.
    static func validFrameFollows(in bytes: UnsafeRawBufferPointer, after position: Int) -> Bool {
        var candidate = position + 1
        while candidate + RecordCodec.frameHeaderSize + RecordCodec.bodyHeaderSize <= bytes.count {
            let length = Int(bytes.loadUnaligned(fromByteOffset: candidate, as: UInt32.self).littleEndian)
            if length >= RecordCodec.bodyHeaderSize, length <= RecordCodec.maximumBodySize,
                candidate + RecordCodec.frameHeaderSize + length <= bytes.count
            {
                let crc = bytes.loadUnaligned(fromByteOffset: candidate + 4, as: UInt32.self).littleEndian
                let bodyStart = candidate + RecordCodec.frameHeaderSize
                let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyStart + length])
                if RecordCodec.checksum(length: UInt32(length), body: body) == crc { return true }
            }
            candidate += 1
        }
        return false
    }

    /// Whether any segment holds more than its header. Does not check the log.
    func holdsData() -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        return names.contains { name in
            SegmentName.number(of: name) != nil && ((try? fileSize(name)) ?? 0) > SegmentName.magic.count
        }
    }

    /// The size of all segments together.
    func totalBytes() throws -> Int {
        try SegmentName.list(in: folder).reduce(0) { $0 + (try fileSize(SegmentName.fileName($1))) }
    }

    /// The number of bytes in the log after `position`.
    private func bytesAfter(_ position: Position, segments: [UInt32]) throws -> Int {
        var total = 0
        for segment in segments where segment >= position.segment {
            let size = try fileSize(SegmentName.fileName(segment))
            total += segment == position.segment ? size - position.offset : size
        }
        return total
    }

    func fileSize(_ name: String) throws -> Int {
        let path = folder.appendingPathComponent(name).path
        var info = stat()
        guard stat(path, &info) == 0 else { throw LogError.io("stat", path) }
        return Int(info.st_size)
    }
}

extension LogScanner {
    /// Opens a segment for reading single records.
    func openForReading(segment: UInt32) throws -> Int32 {
        let path = folder.appendingPathComponent(SegmentName.fileName(segment)).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LogError.io("open", path) }
        return descriptor
    }

    /// Reads the one record at `offset` in `segment` (open as `descriptor`), checking its frame and checksum.
    func record(segment: UInt32, offset: Int, descriptor: Int32) throws -> LogEntry {
        let path = SegmentName.fileName(segment)
        var header = [UInt8](repeating: 0, count: RecordCodec.frameHeaderSize)
        guard pread(descriptor, &header, header.count, off_t(offset)) == header.count else {
            throw LogError.io("read", path)
        }
        var reader = ByteReader(header, from: 0, to: header.count)
        let length = Int(reader.integer(UInt32.self)!)
        let crc = reader.integer(UInt32.self)!
        guard length >= RecordCodec.bodyHeaderSize, length <= RecordCodec.maximumBodySize else {
            throw LogError.corrupt("record length \(length) is out of range", segment: segment, offset: offset)
        }
        var body = [UInt8](repeating: 0, count: length)
        guard pread(descriptor, &body, length, off_t(offset + header.count)) == length else {
            throw LogError.io("read", path)
        }
        guard body.withUnsafeBytes({ RecordCodec.checksum(length: UInt32(length), body: $0) }) == crc else {
            throw LogError.corrupt("record checksum does not match", segment: segment, offset: offset)
        }
        do {
            return try RecordCodec.decode(body, body: 0..<length).0
        } catch {
            throw LogError.corrupt(error.reason, segment: segment, offset: offset)
        }
    }
}
