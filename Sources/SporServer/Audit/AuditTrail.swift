public import Foundation
import Dispatch
import Synchronization

/// The append-only access audit trail, `audit.log` in the data folder: one JSON line per read of one citizen's
/// data and per CPR resolve, synced to disk before the data is answered.
///
/// Appends are group-committed: while one write and fsync is in flight on the trail's own queue (never on an
/// event loop), new lines wait and go out together in the next one, so concurrent reads share fsyncs. When a write
/// fails the trail refuses every later append, so no citizen's data is answered without its audit line. A line
/// cut short by a crash (never acknowledged) is cut off when the trail is opened, so the next line does not land on
/// it, and reading skips a line that cannot be read instead of failing on it.
///
/// ```swift
/// let trail = try AuditTrail(folder: dataFolder)
/// try await trail.append(AuditRecord(at: Date(), who: "anna", role: .staff, citizen: id, endpoint: "GET /v1/…"))
/// let lines = try AuditTrail.read(folder: dataFolder)
/// ```
public final class AuditTrail: Sendable {
    /// The file name in the data folder.
    public static let fileName = "audit.log"

    /// Lines waiting for the next write, and whether a write is in flight.
    private struct Pending {
        var bytes: [UInt8] = []
        var waiters: [CheckedContinuation<Void, any Error>] = []
        var flushing = false
        var failure: (any Error)?
    }

    private let descriptor: Int32
    private let path: String
    private let pending = Mutex(Pending())
    private let queue = DispatchQueue(label: "spor.audit.flush")

    /// Opens (creating with mode 0600) the trail of `folder` for appending, cutting off a line a crash left
    /// unfinished at the end. Call it only while holding the data folder's lock.
    public init(folder: URL) throws {
        let url = folder.appendingPathComponent(Self.fileName)
        path = url.path
        try Self.cutUnfinishedLine(path: path)
        descriptor = try DurableFile.openForAppend(url)
    }

    /// Truncates the file after its last newline, durably, when it does not end with one.
    private static func cutUnfinishedLine(path: String) throws {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw DurableFile.failure("open", path)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DurableFile.failure("stat", path) }
        var end = Int(info.st_size)
        var byte: UInt8 = 0
        guard end > 0, pread(descriptor, &byte, 1, off_t(end - 1)) == 1, byte != UInt8(ascii: "\n") else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var keep = 0
        search: while end > 0 {
            let start = max(0, end - buffer.count)
            guard pread(descriptor, &buffer, end - start, off_t(start)) == end - start else { throw DurableFile.failure("read", path) }
            for index in stride(from: end - start - 1, through: 0, by: -1) where buffer[index] == UInt8(ascii: "\n") {
                keep = start + index + 1
                break search
            }
            end = start
        }
        guard ftruncate(descriptor, off_t(keep)) == 0, fsync(descriptor) == 0 else { throw DurableFile.failure("truncate", path) }
    }

    deinit {
        close(descriptor)
    }

    /// Appends one record and returns once it is on disk.
    public func append(_ record: AuditRecord) async throws {
        try await append(contentsOf: [record])
    }

    /// Appends records in one write, such as one per citizen on a list, and returns once they are on disk.
    public func append(contentsOf records: [AuditRecord]) async throws {
        guard !records.isEmpty else { return }
        let lines = records.flatMap(\.line)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startFlushing: Bool = pending.withLock { pending in
                if let failure = pending.failure {
                    continuation.resume(throwing: failure)
                    return false
                }
                pending.bytes += lines
                pending.waiters.append(continuation)
                guard !pending.flushing else { return false }
                pending.flushing = true
                return true
            }
            if startFlushing { queue.async { self.flush() } }
        }
    }

    /// Writes and syncs what is pending until nothing is; runs on `queue`.
    private func flush() {
        while true {
            let batch: ([UInt8], [CheckedContinuation<Void, any Error>])? = pending.withLock { pending in
                guard !pending.waiters.isEmpty else {
                    pending.flushing = false
                    return nil
                }
                defer {
                    pending.bytes = []
                    pending.waiters = []
                }
                return (pending.bytes, pending.waiters)
            }
            guard let (bytes, waiters) = batch else { return }
            do {
                try DurableFile.writeAll(descriptor, bytes, path: path)
                guard fsync(descriptor) == 0 else { throw DurableFile.failure("sync", path) }
                for waiter in waiters { waiter.resume() }
            } catch {
                let waiting = pending.withLock { pending in
                    pending.failure = error
                    pending.flushing = false
                    defer { pending.waiters = [] }
                    return pending.waiters
                }
                for waiter in waiters + waiting { waiter.resume(throwing: error) }
                return
            }
        }
    }

    /// What a trail holds: its records, and the lines that could not be read.
    public struct Contents: Sendable {
        /// Every readable record, oldest first.
        public var records: [AuditRecord]
        /// The numbers (from 1) of lines that are damaged or unfinished; they are skipped.
        public var unreadableLines: [Int]
    }

    /// Every readable record of `folder`'s trail, oldest first (empty when there is none), skipping lines that
    /// cannot be read: see ``contents(folder:)`` for which.
    public static func read(folder: URL) throws -> [AuditRecord] {
        try contents(folder: folder).records
    }

    /// Every readable record of `folder`'s trail and the lines skipped; one damaged line never hides the others.
    /// - Throws: ``DurableFile/Failure`` only when the file exists but cannot be read.
    public static func contents(folder: URL) throws -> Contents {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            if FileManager.default.fileExists(atPath: url.path) { throw DurableFile.failure("read", url.path) }
            return Contents(records: [], unreadableLines: [])
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time"))
            }
            return date
        }
        var contents = Contents(records: [], unreadableLines: [])
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            // The last piece is unfinished when the file does not end with a newline.
            if index < lines.count - 1, let record = try? decoder.decode(AuditRecord.self, from: Data(line)) {
                contents.records.append(record)
            } else {
                contents.unreadableLines.append(index + 1)
            }
        }
        return contents
    }
}
