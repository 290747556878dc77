public import Foundation
public import Logging
import SporInstruments
import SporLog
import SporReports
import Synchronization

/// A data folder as the daemon uses it: the event log (holding the folder's lock), the pseudonymiser, the
/// tokens, the access audit trail and the responses in memory (one columnar ``ResponseDataset``, which answers
/// lookups by id, staff's unit rule, trajectories, summaries and trend reports).
public final class Storage: Sendable {
    public let folder: URL
    public let tokens: TokenStore
    public let audit: AuditTrail
    let log: EventLog
    let pseudonymiser: Pseudonymiser
    /// Every response in columns, kept up to date with every durable append.
    let dataset: Mutex<ResponseDataset>
    /// Durable entries waiting for those before them, and the sequence number the dataset takes next: the
    /// requests of one group commit resume in any order, but the dataset is built in log order, as a replay
    /// builds it (same-day ties go to the later recording).
    private let sequencer: Mutex<(next: UInt64, waiting: [UInt64: LogEntry])>

    /// Opens `folder` (created if missing): takes its lock, replays the log and loads or creates the pseudonym key.
    /// - Throws: ``LogError`` when the folder is locked by another process or damaged.
    public init(folder: URL, logger: Logger) throws {
        var dataset = try ResponseDataset(catalog: .builtIn)
        self.folder = folder
        self.log = try EventLog.open(folder: folder, logger: logger) { entry in
            try dataset.apply(entry)
        }
        self.dataset = Mutex(dataset)
        self.sequencer = Mutex((log.opened.records, [:]))
        self.pseudonymiser = try Pseudonymiser.load(folder: folder)
        self.tokens = TokenStore(folder: folder)
        self.audit = try AuditTrail(folder: folder)
    }

    /// Appends events as one all-or-nothing batch by `author`, durably, and brings the dataset up to date.
    ///
    /// The log answers `alreadyStored` for a response a concurrent request is appending only once that append is
    /// durable; the other request may still be bringing the dataset up to date, so this waits until it has.
    func append(_ events: [SporLog.LogEvent], author: Author) async throws -> [EventLog.AppendResult] {
        let results = try await log.append(events, author: author)
        let entries = results.compactMap { result -> LogEntry? in
            if case .appended(let entry) = result { entry } else { nil }
        }
        try apply(entries)
        if let last = entries.last { try await awaitApplied(last.sequence) }
        for case .alreadyStored(let response) in results { try await awaitInDataset(response.id) }
        return results
    }

    /// Applies durable entries to the dataset in sequence order: these, and any waiting ones they complete.
    private func apply(_ entries: [LogEntry]) throws {
        try sequencer.withLock { sequencer in
            for entry in entries { sequencer.waiting[entry.sequence] = entry }
            var ready: [LogEntry] = []
            while let entry = sequencer.waiting.removeValue(forKey: sequencer.next) {
                ready.append(entry)
                sequencer.next += 1
            }
            guard !ready.isEmpty else { return }
            try dataset.withLock { dataset in
                for entry in ready { try dataset.apply(entry) }
            }
        }
    }

    /// Waits until the entries up to `sequence` are in the dataset: until a request of the same group commit that
    /// holds earlier entries has applied them (and with them these).
    private func awaitApplied(_ sequence: UInt64, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while sequencer.withLock({ $0.next <= sequence }) {
            guard ContinuousClock.now < deadline else { throw StorageError.notInDataset }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Waits until a durable response appended by another request has reached the dataset; throws after
    /// `timeout` when it does not.
    private func awaitInDataset(_ id: UUID, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while stored(id) == nil {
            guard ContinuousClock.now < deadline else { throw StorageError.notInDataset }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// The current version of a stored response, retracted or not.
    func stored(_ id: UUID) -> StoredResponse? {
        dataset.withLock { $0.stored(id) }
    }

    /// A durable response appended by another request did not reach the dataset in time.
    enum StorageError: Error {
        case notInDataset
    }

    /// Finishes the write in flight and releases the folder's lock.
    public func close() async {
        await log.close()
    }
}
