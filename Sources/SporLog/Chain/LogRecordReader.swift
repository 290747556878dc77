import Crypto
public import Foundation

/// Reads the records of a data folder's log one by one, as stored (``ChainedRecord``), after checking the whole
/// log with ``LogVerifier`` (frames, checksums, chain, checkpoint, the pseudonymisation key). Takes no lock and
/// changes nothing; records appended after the check are not read.
///
/// ```swift
/// let reader = try LogRecordReader(folder: folder)
/// defer { reader.close() }
/// while let record = try reader.next() { … }
/// ```
public final class LogRecordReader {
    /// What the check before reading found: the records that will be read and the head hash.
    public let report: LogVerifier.Report
    /// The fingerprint of the log's pseudonymisation key (`pseudonym.fingerprint`, else the checkpoint's), never
    /// the key.
    public let keyFingerprint: String?
    private var mapped: MappedSegments
    private var segments: [UInt32]
    private var segmentIndex = 0
    private var offset = SegmentName.magic.count
    private var read: UInt64 = 0

    /// Checks the log in `folder` (see ``LogVerifier/verify(folder:checkpointFile:expectedHeads:checkpointPublicKey:environment:visit:)``).
    /// - Throws: what `LogVerifier.verify` throws.
    public init(
        folder: URL, checkpointFile: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        report = try LogVerifier.verify(folder: folder, checkpointFile: checkpointFile, environment: environment)
        let scanner = LogScanner(folder: folder)
        mapped = MappedSegments(scanner: scanner)
        segments = try SegmentName.list(in: folder)
        let file = folder.appendingPathComponent(Pseudonymiser.fingerprintFileName)
        let recorded = (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        keyFingerprint = recorded ?? report.checkpoint?.keyFingerprint
    }

    /// The next record in log order, `nil` after the last one the check covered.
    /// - Throws: ``LogError`` `corrupt` when a segment changed since the check.
    public func next() throws -> ChainedRecord? {
        while read < report.records {
            guard segmentIndex < segments.count else { throw changed("a segment is gone") }
            let segment = segments[segmentIndex]
            let bytes = try mapped.bytes(of: segment)
            if offset + RecordCodec.frameHeaderSize > bytes.count {
                segmentIndex += 1
                offset = SegmentName.magic.count
                continue
            }
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
            let start = offset + RecordCodec.frameHeaderSize
            guard length >= RecordCodec.bodyHeaderSize, start + length <= bytes.count else {
                throw changed("a record frame is damaged")
            }
            let body = Array(bytes[start..<start + length])
            offset = start + length
            guard let record = ChainedRecord(body: body, hash: Array(SHA256.hash(data: body))) else {
                throw changed("record \(read) is shorter than a record header")
            }
            guard record.sequence == read else {
                throw changed("record \(record.sequence) is where \(read) was read before")
            }
            read += 1
            return record
        }
        return nil
    }

    /// Unmaps the segments; `next` must not be called afterwards.
    public func close() { mapped.unmapAll() }

    private func changed(_ what: String) -> LogError {
        LogError(.corrupt, "the log changed while it was read: \(what)")
    }
}
