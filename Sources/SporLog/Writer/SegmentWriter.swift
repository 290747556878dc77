import Foundation

/// Appends framed records to the segment files and makes them durable.
///
/// Only one flush runs at a time (the ``GroupCommitStateMachine`` sees to that), so the class needs no lock.
final class SegmentWriter: @unchecked Sendable {
    /// Bytes of records for one segment, starting at `offset`; `startsSegment` when the segment must be created
    /// first.
    struct Chunk {
        var segment: UInt32
        var offset: Int
        var startsSegment: Bool
        var bytes: [UInt8]
    }

    /// Chunks are joined into one write up to this many bytes.
    static let joinedBytes = 64 << 10

    private let folder: URL
    private var segment: UInt32
    private var descriptor: Int32
    /// Set when a segment was created since the folder was last synced.
    private var folderIsDirty = false

    /// Opens `segment` for appending.
    init(folder: URL, segment: UInt32) throws {
        self.folder = folder
        self.segment = segment
        let path = folder.appendingPathComponent(SegmentName.fileName(segment)).path
        descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw LogError.io("open", path) }
    }

    deinit { close(descriptor) }

    /// Writes the chunks in order; with `sync`, makes everything written so far durable: the open segment and,
    /// after a new segment, the folder. A segment left for a new one is synced before it is closed. Small chunks of
    /// one segment are joined and go out in one `write`: a group commit's requests each bring a chunk of a few
    /// hundred bytes, and a system call per chunk cost more than copying them.
    /// - Returns: the time spent in `fdatasync` and `fsync` calls.
    @discardableResult
    func write(_ chunks: [Chunk], sync: Bool) throws -> Duration {
        let clock = ContinuousClock()
        var syncing = Duration.zero
        var runStart = chunks.startIndex
        while runStart < chunks.endIndex {
            let first = chunks[runStart]
            if first.startsSegment {
                let start = clock.now
                guard Self.sync(descriptor) == 0 else { throw LogError.io("fsync", SegmentName.fileName(segment)) }
                syncing += clock.now - start
                let path = folder.appendingPathComponent(SegmentName.fileName(first.segment)).path
                let next = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                guard next >= 0 else { throw LogError.io("create", path) }
                close(descriptor)
                descriptor = next
                segment = first.segment
                folderIsDirty = true
                try writeAll(SegmentName.magic, path: path)
            }
            var joined = first.bytes
            var next = runStart + 1
            while next < chunks.endIndex, !chunks[next].startsSegment, chunks[next].segment == first.segment,
                joined.count + chunks[next].bytes.count <= Self.joinedBytes
            {
                joined += chunks[next].bytes
                next += 1
            }
            try writeAll(joined, path: SegmentName.fileName(first.segment))
            runStart = next
        }
        guard sync else { return syncing }
        let start = clock.now
        guard Self.sync(descriptor) == 0 else { throw LogError.io("fsync", SegmentName.fileName(segment)) }
        if folderIsDirty {
            try Self.syncFolder(folder)
            folderIsDirty = false
        }
        return syncing + (clock.now - start)
    }

    private func writeAll(_ bytes: [UInt8], path: String) throws {
        var done = 0
        try bytes.withUnsafeBytes { buffer in
            while done < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw LogError.io("write", path)
                }
                done += count
            }
        }
    }

    /// `fdatasync` where there is one (it also syncs the file size), else `fsync`.
    static func sync(_ descriptor: Int32) -> Int32 {
        #if os(Linux)
        fdatasync(descriptor)
        #else
        fsync(descriptor)
        #endif
    }

    /// Syncs a folder, so new or removed entries in it survive a crash.
    static func syncFolder(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LogError.io("open", folder.path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw LogError.io("fsync", folder.path) }
    }

    /// Makes what was written to a segment durable, such as records a crashed process wrote and never synced.
    static func syncSegment(_ segment: UInt32, in folder: URL) throws {
        let path = folder.appendingPathComponent(SegmentName.fileName(segment)).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LogError.io("open", path) }
        defer { close(descriptor) }
        guard sync(descriptor) == 0 else { throw LogError.io("fsync", path) }
    }

    /// Creates a segment holding only the header, durably.
    static func createSegment(_ segment: UInt32, in folder: URL) throws {
        let path = folder.appendingPathComponent(SegmentName.fileName(segment)).path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogError.io("create", path) }
        defer { close(descriptor) }
        let magic = SegmentName.magic
        guard Foundation.write(descriptor, magic, magic.count) == magic.count, fsync(descriptor) == 0 else {
            throw LogError.io("write", path)
        }
        try syncFolder(folder)
    }

    /// Cuts the log back to `end`: truncates that segment and removes the segments after it, durably.
    static func truncate(folder: URL, to end: LogScanner.Position, segments: [UInt32]) throws {
        for segment in segments where segment > end.segment {
            let path = folder.appendingPathComponent(SegmentName.fileName(segment)).path
            guard unlink(path) == 0 else { throw LogError.io("remove", path) }
        }
        let path = folder.appendingPathComponent(SegmentName.fileName(end.segment)).path
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LogError.io("open", path) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(end.offset)) == 0, fsync(descriptor) == 0 else {
            throw LogError.io("truncate", path)
        }
        try syncFolder(folder)
    }
}
