public import CoreMetrics
import Dispatch
public import Foundation
import Synchronization

/// The append-only access audit trail, `audit.log` in the data folder: one line per read of one citizen's data
/// and per CPR resolve, synced to disk before the data is answered.
///
/// Each line is framed and chained (``AuditChain``): `JSON<TAB>CHAIN`, so a changed, removed or reordered line is
/// found by ``verify(folder:)``, and ``read(folder:)`` skips a damaged line instead of failing. Appends are
/// group-committed: while one write and fsync is in flight on the trail's own queue (never on an event loop), new
/// lines wait and go out together in the next one; after a write for several callers, the next one waits
/// ``gatherDelay`` for more to join it. Every write holds the trail's file lock, so the daemon and CLI
/// commands reading the same folder append to one chain; a torn line left by a crash is cut off before the next
/// write. When a write fails the trail refuses every later append, so no citizen's data is answered without its
/// audit line.
///
/// ```swift
/// let trail = try AuditTrail(folder: dataFolder)
/// try await trail.append(AuditRecord(at: Date(), who: "anna", role: .staff, citizen: id, endpoint: "GET /v1/…"))
/// let (records, damaged) = try AuditTrail.read(folder: dataFolder)
/// ```
public final class AuditTrail: Sendable {
    /// The file name in the data folder.
    public static let fileName = "audit.log"

    /// Lines waiting for the next write, and whether a write is in flight.
    private struct Pending {
        var lines: [String] = []
        var waiters: [CheckedContinuation<Void, any Error>] = []
        var flushing = false
        var failure: (any Error)?
    }

    /// Where this process last left the file: its size and the last line's CHAIN. Another process that wrote
    /// since changes the size, and the tail is read again.
    private struct Tail {
        var size: Int = -1
        var chain = AuditChain.start
    }

    private let descriptor: Int32
    private let url: URL
    /// Kept open: taken once per group commit.
    private let lock: LockFile
    private let pending = Mutex(Pending())
    private let tail = Mutex(Tail())
    private let queue = DispatchQueue(label: "spor.audit.flush")
    /// After a write for more than one caller (reads are arriving together), the next write waits this long for
    /// more lines to join it. An fsync costs the daemon about 80 µs of the kernel's CPU however few lines it
    /// carries: at 5M under 64 connections of reads, the wait cut the syncs per read from 0.12–0.14 to 0.04–0.05
    /// and the CPU per read from 108–119 to 99–112 µs (three runs each, in turn), for at most this much more
    /// latency. A read that comes when the trail is idle, or after a write for one caller, is written at once;
    /// only one that comes within the wait after a write for several waits for it.
    static let gatherDelay = DispatchTimeInterval.milliseconds(1)

    /// `spor_audit_lines_total`: lines this process has written durably.
    private let linesWritten: Counter

    /// Opens (creating with mode 0600) the trail of `folder` for appending, cutting off a torn last line.
    /// - Parameter metrics: where the count of lines written goes (docs/server.md).
    public init(folder: URL, metrics: any MetricsFactory = MetricsSystem.factory) throws {
        linesWritten = Counter(label: "spor_audit_lines_total", dimensions: [], factory: metrics)
        url = folder.appendingPathComponent(Self.fileName)
        lock = try LockFile(beside: url)
        descriptor = try DurableFile.openForAppend(url)
        try lock.withExclusiveLock { try catchUp() }
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
        let lines = records.map(\.json)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startFlushing: Bool = pending.withLock { pending in
                if let failure = pending.failure {
                    continuation.resume(throwing: failure)
                    return false
                }
                pending.lines += lines
                pending.waiters.append(continuation)
                guard !pending.flushing else { return false }
                pending.flushing = true
                return true
            }
            if startFlushing { queue.async { self.flush() } }
        }
    }

    /// Writes and syncs what is pending until nothing is; runs on `queue`. After a write for several callers it
    /// comes back after ``gatherDelay`` instead of at once, still flushing, so lines arriving meanwhile wait for it.
    private func flush() {
        while true {
            let batch: ([String], [CheckedContinuation<Void, any Error>])? = pending.withLock { pending in
                guard !pending.waiters.isEmpty else {
                    pending.flushing = false
                    return nil
                }
                defer {
                    pending.lines = []
                    pending.waiters = []
                }
                return (pending.lines, pending.waiters)
            }
            guard let (lines, waiters) = batch else { return }
            do {
                try lock.withExclusiveLock { try write(lines) }
                linesWritten.increment(by: lines.count)
                for waiter in waiters { waiter.resume() }
                if waiters.count > 1 {
                    queue.asyncAfter(deadline: .now() + Self.gatherDelay) { self.flush() }
                    return
                }
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

    /// Frames and chains `lines` after the file's last line and writes them durably; holds the file lock.
    private func write(_ lines: [String]) throws {
        try catchUp()
        var chain = tail.withLock { $0.chain }
        var bytes: [UInt8] = []
        for json in lines {
            chain = AuditChain.link(json, after: chain)
            bytes += Array("\(json)\t\(chain)\n".utf8)
        }
        try DurableFile.writeAll(descriptor, bytes, path: url.path)
        guard fsync(descriptor) == 0 else { throw DurableFile.failure("sync", url.path) }
        // Under the lock nobody else appends: the file grew by exactly these bytes.
        tail.withLock { $0 = Tail(size: $0.size + bytes.count, chain: chain) }
    }

    /// Reads the file's tail again when another process wrote since this one did, cutting off a torn last line
    /// (a write that a crash interrupted: it was never acknowledged); holds the file lock.
    private func catchUp() throws {
        let size = try Self.size(of: descriptor, path: url.path)
        guard size != tail.withLock({ $0.size }) else { return }
        let length = min(size, 64 << 10)
        var bytes = [UInt8](repeating: 0, count: length)
        let reader = open(url.path, O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { throw DurableFile.failure("open", url.path) }
        defer { close(reader) }
        guard length == 0 || pread(reader, &bytes, length, off_t(size - length)) == length else {
            throw DurableFile.failure("read", url.path)
        }
        let lastBreak = bytes.lastIndex(of: UInt8(ascii: "\n"))
        let complete = lastBreak.map { size - length + $0 + 1 } ?? (size == length ? 0 : size)
        if complete < size {
            guard ftruncate(descriptor, off_t(complete)) == 0, fsync(descriptor) == 0 else {
                throw DurableFile.failure("cut the torn line of", url.path)
            }
        }
        var chain = AuditChain.start
        if let lastBreak {
            let before = bytes[..<lastBreak].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            chain = AuditChain.Line(Substring(String(decoding: bytes[before..<lastBreak], as: UTF8.self))).next
        }
        tail.withLock { $0 = Tail(size: complete, chain: chain) }
    }

    private static func size(of descriptor: Int32, path: String) throws -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DurableFile.failure("stat", path) }
        return Int(info.st_size)
    }

    /// What ``verify(folder:)`` found.
    public struct Verification: Hashable, Sendable {
        /// Complete lines in the trail.
        public var lines: Int
        /// Lines written before lines were chained (JSON alone): readable, not checkable.
        public var unchained: Int
        /// The numbers (from 1) of lines that are damaged or do not chain to the line before.
        public var broken: [Int]
        /// Bytes of a torn last line (cut off at the next write).
        public var tornBytes: Int
    }

    /// Every record of `folder`'s trail that is intact and chained, oldest first, and how many lines were skipped
    /// as damaged; empty when there is no trail.
    public static func read(folder: URL) throws -> (records: [AuditRecord], damaged: Int) {
        let (lines, _) = try lines(folder: folder)
        return read(lines: lines.map(String.init))
    }

    /// ``read(folder:)`` over complete lines (`JSON<TAB>CHAIN`), such as a PostgreSQL store's `spor_audit` rows.
    public static func read(lines: [String]) -> (records: [AuditRecord], damaged: Int) {
        var records: [AuditRecord] = []
        var damaged = 0
        walk(lines.map { Substring($0) }) { _, record in
            if let record { records.append(record) } else { damaged += 1 }
        }
        return (records, damaged)
    }

    /// Checks every line of `folder`'s trail: its JSON and its CHAIN.
    public static func verify(folder: URL) throws -> Verification {
        let (lines, torn) = try lines(folder: folder)
        var verification = verify(lines: lines.map(String.init))
        verification.tornBytes = torn
        return verification
    }

    /// ``verify(folder:)`` over complete lines, such as a PostgreSQL store's `spor_audit` rows.
    public static func verify(lines: [String]) -> Verification {
        var verification = Verification(lines: 0, unchained: 0, broken: [], tornBytes: 0)
        walk(lines.map { Substring($0) }) { line, record in
            verification.lines += 1
            if record == nil { verification.broken.append(verification.lines) }
            if line.chain == nil { verification.unchained += 1 }
        }
        return verification
    }

    /// The complete lines of `folder`'s trail and the bytes of a torn last line.
    static func lines(folder: URL) throws -> (lines: [Substring], torn: Int) {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return ([], 0) }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let torn = lines.removeLast().utf8.count
        return (lines, torn)
    }

    /// Calls `visit` with each line and its record, `nil` when the line is damaged or breaks the chain.
    private static func walk(_ lines: [Substring], _ visit: (AuditChain.Line, AuditRecord?) -> Void) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time"))
            }
            return date
        }
        var previous = AuditChain.start
        for text in lines {
            let line = AuditChain.Line(text)
            let record =
                line.holds(after: previous) ? try? decoder.decode(AuditRecord.self, from: Data(line.json.utf8)) : nil
            visit(line, record)
            previous = line.next
        }
    }
}
