public import Foundation
import Dispatch
import Synchronization

/// The append-only access audit trail, `audit.log` in the data folder: one JSON line per read of one citizen's
/// data and per CPR resolve, synced to disk before the data is answered.
///
/// Appends are group-committed: while one write and fsync is in flight on the trail's own queue (never on an
/// event loop), new lines wait and go out together in the next one, so concurrent reads share fsyncs. When a write
/// fails the trail refuses every later append, so no citizen's data is answered without its audit line.
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

    /// Opens (creating with mode 0600) the trail of `folder` for appending.
    public init(folder: URL) throws {
        let url = folder.appendingPathComponent(Self.fileName)
        path = url.path
        descriptor = try DurableFile.openForAppend(url)
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

    /// Every record of `folder`'s trail, oldest first; empty when there is none.
    public static func read(folder: URL) throws -> [AuditRecord] {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time"))
            }
            return date
        }
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(AuditRecord.self, from: Data($0)) }
    }
}
