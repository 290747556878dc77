import Crypto
import Foundation

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
        var entry: LogEntry
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
        var headHash: [UInt8]
        var segments: [UInt32]
        /// The end of the last intact record (or of the last segment's header).
        var end: Position?
        /// Bytes past `end` that belong to a torn record or an unfinished batch, when there are any.
        var tornBytes: Int
    }

    func scan(_ visit: (Record) throws -> Void) throws -> Outcome {
        let segments = try SegmentName.list(in: folder)
        var previousHash: SHA256Digest?
        var nextSequence: UInt64 = 0
        var committedHash: SHA256Digest?
        var committedCount: UInt64 = 0
        var committedEnd: Position?
        var batch: [Record] = []
        var tornBytes = 0

        segmentLoop: for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            let name = SegmentName.fileName(segment)
            let bytes = try read(name)
            let magic = SegmentName.magic
            if bytes.count < magic.count || !bytes[0..<magic.count].elementsEqual(magic) {
                if isLast, bytes.count < magic.count, magic.starts(with: bytes) {
                    tornBytes += bytes.count
                    break segmentLoop
                }
                throw LogError.corrupt(
                    bytes.isEmpty ? "segment is empty" : "segment does not start with the Spor header",
                    segment: segment, offset: 0)
            }
            if batch.isEmpty { committedEnd = Position(segment: segment, offset: magic.count) }
            var position = magic.count
            while position < bytes.count {
                let remaining = bytes.count - position
                func tornOrCorrupt(_ message: String) throws {
                    if isLast {
                        tornBytes += remaining
                    } else {
                        throw LogError.corrupt(message, segment: segment, offset: position)
                    }
                }
                if remaining < RecordCodec.frameHeaderSize {
                    try tornOrCorrupt("record header is cut off")
                    break segmentLoop
                }
                var reader = ByteReader(bytes, from: position, to: bytes.count)
                let length = Int(reader.integer(UInt32.self)!)
                let crc = reader.integer(UInt32.self)!
                if length < RecordCodec.bodyHeaderSize || length > RecordCodec.maximumBodySize {
                    if isLast, bytes[position...].allSatisfy({ $0 == 0 }) {
                        tornBytes += remaining
                        break segmentLoop
                    }
                    throw LogError.corrupt(
                        "record length \(length) is outside \(RecordCodec.bodyHeaderSize)...\(RecordCodec.maximumBodySize)",
                        segment: segment, offset: position)
                }
                let bodyStart = position + RecordCodec.frameHeaderSize
                let bodyEnd = bodyStart + length
                if bodyEnd > bytes.count {
                    try tornOrCorrupt("record runs past the end of the segment")
                    break segmentLoop
                }
                if RecordCodec.checksum(length: UInt32(length), body: bytes[bodyStart..<bodyEnd]) != crc {
                    if isLast, bodyEnd == bytes.count {
                        tornBytes += remaining
                        break segmentLoop
                    }
                    throw LogError.corrupt("record checksum does not match", segment: segment, offset: position)
                }
                let (entry, header): (LogEntry, RecordCodec.Header)
                do {
                    (entry, header) = try RecordCodec.decode(bytes, body: bodyStart..<bodyEnd)
                } catch {
                    throw LogError.corrupt(error.reason, segment: segment, offset: position)
                }
                guard header.sequence == nextSequence else {
                    throw LogError.corrupt(
                        "record has sequence number \(header.sequence) where \(nextSequence) was expected (a record is missing or out of order)",
                        segment: segment, offset: position)
                }
                let linked = header.previousHash.withUnsafeBytes { stored in
                    guard let previousHash else { return stored.allSatisfy { $0 == 0 } }
                    return previousHash.withUnsafeBytes { expected in memcmp(stored.baseAddress!, expected.baseAddress!, 32) == 0 }
                }
                guard linked else {
                    throw LogError.corrupt(
                        "record does not carry the hash of the record before it (the chain is broken)",
                        segment: segment, offset: position)
                }
                let hash = RecordCodec.digest(bytes[bodyStart..<bodyEnd])
                let record = Record(entry: entry, hash: hash, segment: segment, offset: position)
                previousHash = hash
                nextSequence += 1
                position = bodyEnd
                if header.continuesBatch {
                    batch.append(record)
                } else {
                    for earlier in batch { try visit(earlier) }
                    try visit(record)
                    committedCount += UInt64(batch.count + 1)
                    committedHash = hash
                    committedEnd = Position(segment: segment, offset: position)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        if let first = batch.first {
            // An unfinished batch at the end: everything from its first record on is torn.
            tornBytes = try bytesAfter(Position(segment: first.segment, offset: first.offset), segments: segments)
        }
        let headHash = committedHash.map { $0.withUnsafeBytes { Array($0) } } ?? RecordCodec.zeroHash
        return Outcome(records: committedCount, headHash: headHash, segments: segments, end: committedEnd, tornBytes: tornBytes)
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

    private func read(_ name: String) throws -> [UInt8] {
        let path = folder.appendingPathComponent(name).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LogError.io("open", path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LogError.io("stat", path) }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while done < size {
                let count = Foundation.read(descriptor, buffer.baseAddress! + done, size - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw LogError.io("read", path)
                }
                if count == 0 { break }
                done += count
            }
        }
        if done < size { bytes.removeLast(size - done) }
        return bytes
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
        guard RecordCodec.checksum(length: UInt32(length), body: body[...]) == crc else {
            throw LogError.corrupt("record checksum does not match", segment: segment, offset: offset)
        }
        do {
            return try RecordCodec.decode(body, body: 0..<length).0
        } catch {
            throw LogError.corrupt(error.reason, segment: segment, offset: offset)
        }
    }
}
