public import Foundation

/// Writes records kept elsewhere (``ChainedRecord``, checked with ``RecordChainCheck``) into a new data folder, as
/// the log frames them, so the folder then opens and verifies as if the log had been written there.
///
/// The folder must not exist or be empty. Segments are started at a batch's end once `segmentSize` is reached.
/// ``finish(keyFingerprint:)`` makes everything durable and records the pseudonymisation key's fingerprint; the key
/// itself is not written: give it with `SPOR_PSEUDONYM_KEY` or copy its `pseudonym.key` into the folder.
public final class LogFolderWriter {
    /// The folder written.
    public let folder: URL
    private let segmentSize: Int
    private var segment: UInt32 = 0
    private var descriptor: Int32 = -1
    private var written = 0
    private var pending: [UInt8] = []
    private var nextSequence: UInt64 = 0
    private var inBatch = false
    private let createdFolder: Bool

    /// Creates `folder` (mode 0700).
    /// - Throws: ``LogError`` `io` when the folder holds anything or cannot be created.
    public init(folder: URL, segmentSize: Int = 64 << 20) throws {
        self.folder = folder
        self.segmentSize = segmentSize
        let manager = FileManager.default
        createdFolder = !manager.fileExists(atPath: folder.path)
        if !createdFolder {
            guard (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true else {
                throw LogError(.io, "the data folder \(folder.path) is not empty; copy into a new folder")
            }
        } else {
            do {
                try manager.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw LogError(.io, "cannot create the data folder \(folder.path)")
            }
        }
    }

    /// Adds the next record.
    /// - Throws: ``LogError`` `invalidEvent` for a record out of sequence, `io` when writing fails.
    public func append(_ record: ChainedRecord) throws {
        guard record.sequence == nextSequence else {
            throw LogError(.invalidEvent, "record \(record.sequence) given where \(nextSequence) was expected")
        }
        if descriptor < 0 || (!inBatch && written + pending.count >= segmentSize) { try startSegment() }
        pending.append(contentsOf: RecordCodec.frame(record.body))
        nextSequence += 1
        inBatch = record.continuesBatch
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Writes what is pending, syncs the last segment and the folder, and records `keyFingerprint` in
    /// `pseudonym.fingerprint` when given.
    /// - Throws: ``LogError`` `invalidEvent` when the last batch is unfinished, `io` when writing fails.
    public func finish(keyFingerprint: String?) throws {
        guard !inBatch else { throw LogError(.invalidEvent, "the last batch of records is unfinished") }
        if descriptor < 0 { try startSegment() }
        try closeSegment()
        if let keyFingerprint {
            try Pseudonymiser.writeFingerprint(
                keyFingerprint, to: folder.appendingPathComponent(Pseudonymiser.fingerprintFileName).path,
                folder: folder)
        }
        try SegmentWriter.syncFolder(folder)
    }

    /// Removes what was written: the segments and the fingerprint, and the folder when this writer made it.
    public func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(folder.appendingPathComponent(Pseudonymiser.fingerprintFileName).path)
        for number in stride(from: segment, to: 0, by: -1) {
            unlink(folder.appendingPathComponent(SegmentName.fileName(number)).path)
        }
        if createdFolder { try? FileManager.default.removeItem(at: folder) }
    }

    private func startSegment() throws {
        if descriptor >= 0 { try closeSegment() }
        segment += 1
        let path = folder.appendingPathComponent(SegmentName.fileName(segment)).path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogError.io("create", path) }
        pending = SegmentName.magic
        written = 0
    }

    private func flush() throws {
        var start = 0
        while start < pending.count {
            let count = pending[start...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw LogError.io("write", SegmentName.fileName(segment)) }
            start += count
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private func closeSegment() throws {
        try flush()
        let synced = fsync(descriptor) == 0
        close(descriptor)
        descriptor = -1
        guard synced else { throw LogError.io("fsync", SegmentName.fileName(segment)) }
    }
}
