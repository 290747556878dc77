import Crypto
import Foundation
import Synchronization

/// Reads every segment of a data folder in order, checking frames, checksums, sequence numbers and the hash chain.
///
/// Records of a batch are handed on only when the batch's last record is read, so a batch cut off by a crash is
/// never replayed. A torn end (an incomplete frame, a bad checksum on the very last frame, or an unfinished batch,
/// all in the last segment) is reported as `tornTail`; any other damage throws ``LogError`` with the segment and
/// the byte offset of the first bad record.
struct LogScanner {
    let folder: URL

    /// A checked record with its place in the log.
    struct Record {
        /// The decoded event, when the scan decodes entries.
        var entry: LogEntry?
        /// 1 recorded, 2 corrected, 3 retracted.
        var type: UInt8
        var responseID: UUID
        var hash: SHA256Digest
        var segment: UInt32
        var offset: Int
    }

    /// Where the intact log ends.
    struct Position: Hashable {
        var segment: UInt32
        var offset: Int
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
    }

    /// Checks every record and hands each on in order.
    ///
    /// The checks that need no earlier record (frame, checksum, payload, hash) run for two segments at a time on
    /// separate threads; the sequence numbers, the links between records and `visit` follow in log order.
    /// - Parameter decodeEntries: build each record's ``LogEntry``; without it only the fields the log's own state
    ///   needs are read, and the payload's lengths are checked.
    func scan(decodeEntries: Bool, _ visit: (Record) throws -> Void) throws -> Outcome {
        let segments = try SegmentName.list(in: folder)
        var previousHash: SHA256Digest?
        var nextSequence: UInt64 = 0
        var committedHash: SHA256Digest?
        var committedCount: UInt64 = 0
        var committedEnd: Position?
        var batch: [Record] = []
        var tornBytes = 0
        let together = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))

        groupLoop: for groupStart in stride(from: 0, to: segments.count, by: together) {
            let group = Array(segments[groupStart..<min(groupStart + together, segments.count)])
            let checks = try checkInParallel(group, lastSegment: segments.last!, decodeEntries: decodeEntries)
            for (segment, check) in zip(group, checks) {
                if check.records.isEmpty, let damage = check.damage, damage.offset == 0 {
                    // The segment header itself.
                    if let torn = damage.tornBytes {
                        tornBytes += torn
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
                    let linked = previousHash.map { previous in
                        previous.withUnsafeBytes { expected in
                            withUnsafeBytes(of: checked.previousHash) { memcmp($0.baseAddress!, expected.baseAddress!, 32) == 0 }
                        }
                    } ?? withUnsafeBytes(of: checked.previousHash) { $0.allSatisfy { $0 == 0 } }
                    guard linked else {
                        throw LogError.corrupt(
                            "record does not carry the hash of the record before it (the chain is broken)",
                            segment: segment, offset: checked.offset)
                    }
                    let record = Record(
                        entry: check.entries.isEmpty ? nil : check.entries[index], type: checked.type,
                        responseID: checked.responseID, hash: checked.hash, segment: segment, offset: checked.offset)
                    previousHash = checked.hash
                    nextSequence += 1
                    if checked.continuesBatch {
                        batch.append(record)
                    } else {
                        for earlier in batch { try visit(earlier) }
                        try visit(record)
                        committedCount += UInt64(batch.count + 1)
                        committedHash = checked.hash
                        committedEnd = Position(segment: segment, offset: checked.end)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if let damage = check.damage {
                    guard let torn = damage.tornBytes else {
                        throw LogError.corrupt(damage.message, segment: segment, offset: damage.offset)
                    }
                    tornBytes += torn
                    break groupLoop
                }
            }
        }
        if let first = batch.first {
            // An unfinished batch at the end: everything from its first record on is torn.
            tornBytes = try bytesAfter(Position(segment: first.segment, offset: first.offset), segments: segments)
        }
        return Outcome(records: committedCount, headHash: committedHash, segments: segments, end: committedEnd, tornBytes: tornBytes)
    }

    /// A record that passed the checks that need no earlier record.
    private struct CheckedRecord {
        var offset: Int
        var type: UInt8
        var responseID: UUID
        var hash: SHA256Digest
        var sequence: UInt64
        var continuesBatch: Bool
        /// The hash of the previous record, as this record carries it.
        var previousHash: (UInt64, UInt64, UInt64, UInt64)
        /// Where the record ends.
        var end: Int
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
        /// The records' entries, when the scan decodes them.
        var entries: [LogEntry] = []
        var damage: Damage?
    }

    /// Checks the segments of `group` at the same time, one thread each.
    private func checkInParallel(_ group: [UInt32], lastSegment: UInt32, decodeEntries: Bool) throws -> [SegmentCheck] {
        let results = Mutex([Result<SegmentCheck, any Error>?](repeating: nil, count: group.count))
        DispatchQueue.concurrentPerform(iterations: group.count) { index in
            let segment = group[index]
            let result = Result { try check(segment, isLast: segment == lastSegment, decodeEntries: decodeEntries) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }

    /// Runs the checks that need no earlier record over one segment; damage is reported, not thrown.
    private func check(_ segment: UInt32, isLast: Bool, decodeEntries: Bool) throws -> SegmentCheck {
        var mapped = MappedSegments(scanner: self)
        defer { mapped.unmapAll() }
        let file = try mapped.bytes(of: segment)
        let magic = SegmentName.magic
        var result = SegmentCheck()
        if file.count < magic.count || !file[0..<magic.count].elementsEqual(magic) {
            if isLast, file.count < magic.count, magic.starts(with: file) {
                result.damage = Damage(message: "", offset: 0, tornBytes: file.count)
            } else {
                result.damage = Damage(
                    message: file.isEmpty ? "segment is empty" : "segment does not start with the Spor header", offset: 0)
            }
            return result
        }
        result.records.reserveCapacity(file.count / 128)
        let damage = { (bytes: UnsafeRawBufferPointer) -> Damage? in
            var position = magic.count
            while position < bytes.count {
                let remaining = bytes.count - position
                /// Damage in the last segment is a torn tail.
                func tornOrCorrupt(_ message: String) -> Damage {
                    Damage(message: message, offset: position, tornBytes: isLast ? remaining : nil)
                }
                if remaining < RecordCodec.frameHeaderSize { return tornOrCorrupt("record header is cut off") }
                let length = Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian)
                let crc = bytes.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self).littleEndian
                if length < RecordCodec.bodyHeaderSize || length > RecordCodec.maximumBodySize {
                    let message =
                        "record length \(length) is outside \(RecordCodec.bodyHeaderSize)...\(RecordCodec.maximumBodySize)"
                    let zeros = isLast && bytes[position...].allSatisfy { $0 == 0 }
                    return Damage(message: message, offset: position, tornBytes: zeros ? remaining : nil)
                }
                let bodyStart = position + RecordCodec.frameHeaderSize
                let bodyEnd = bodyStart + length
                if bodyEnd > bytes.count { return tornOrCorrupt("record runs past the end of the segment") }
                let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyEnd])
                if RecordCodec.checksum(length: UInt32(length), body: body) != crc {
                    let torn = isLast && bodyEnd == bytes.count
                    return Damage(message: "record checksum does not match", offset: position, tornBytes: torn ? remaining : nil)
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
                let previousHash = body.loadUnaligned(fromByteOffset: 20, as: (UInt64, UInt64, UInt64, UInt64).self)
                result.records.append(CheckedRecord(
                    offset: position, type: summary.type, responseID: summary.id, hash: SHA256.hash(data: body),
                    sequence: summary.sequence, continuesBatch: summary.continuesBatch, previousHash: previousHash, end: bodyEnd))
                position = bodyEnd
            }
            return nil
        }(file)
        result.damage = damage
        return result
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

    private func fileSize(_ name: String) throws -> Int {
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
        guard pread(descriptor, &header, header.count, off_t(offset)) == header.count else { throw LogError.io("read", path) }
        var reader = ByteReader(header, from: 0, to: header.count)
        let length = Int(reader.integer(UInt32.self)!)
        let crc = reader.integer(UInt32.self)!
        guard length >= RecordCodec.bodyHeaderSize, length <= RecordCodec.maximumBodySize else {
            throw LogError.corrupt("record length \(length) is out of range", segment: segment, offset: offset)
        }
        var body = [UInt8](repeating: 0, count: length)
        guard pread(descriptor, &body, length, off_t(offset + header.count)) == length else { throw LogError.io("read", path) }
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
