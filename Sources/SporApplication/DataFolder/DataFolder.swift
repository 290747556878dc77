public import CoreMetrics
public import Foundation
public import Logging
import SporInstruments
import SporLog
import SporReports
import SporSnapshot
import Synchronization

/// A data folder, opened the same way by every command and by the daemon: the event log, the pseudonymisation
/// key, the tokens, the access audit trail and the responses in memory.
///
/// ```swift
/// let folder = try DataFolder(url: DataFolder.location(nil), mode: .serving, logger: logger)
/// let spor = UseCases(folder: folder)
/// ```
///
/// How much is opened depends on the ``Mode``: a command that only writes does not load the responses, and a
/// command that only reads does not take the folder's lock (a running daemon may hold it).
public final class DataFolder: Sendable {
    /// What the opener is going to do.
    public enum Mode: Sendable {
        /// The tokens and the audit trail only: no lock (a running daemon may hold it), no log, no responses.
        case administering
        /// Read only: no lock; the responses loaded from the snapshot and the records after it.
        case reading
        /// Write from a one-shot command: the folder's lock and the log, without the responses in memory.
        case writing
        /// Write and read for a long time (the daemon): the lock, the log and every response in memory, kept up to
        /// date with every durable append.
        case serving
    }

    /// How the log is kept: where its checkpoint is and how large its segments grow.
    public struct LogSettings: Sendable {
        /// The segment size used unless another is given.
        public static let defaultSegmentSize = 64 << 20
        /// The checkpoint file; `nil` for `$SPOR_CHECKPOINT`, else `log.checkpoint` in the data folder.
        public var checkpointFile: URL?
        /// Bytes after which a new segment is started.
        public var segmentSize: Int
        /// Where the log's and the audit trail's figures go (docs/server.md); the process-wide swift-metrics
        /// factory unless another is given.
        public var metrics: any MetricsFactory

        public init(
            checkpointFile: URL? = nil, segmentSize: Int = defaultSegmentSize,
            metrics: any MetricsFactory = MetricsSystem.factory
        ) {
            self.checkpointFile = checkpointFile
            self.segmentSize = segmentSize
            self.metrics = metrics
        }

        var configuration: EventLog.Configuration {
            EventLog.Configuration(segmentSize: segmentSize, checkpointFile: checkpointFile, metrics: metrics)
        }
    }

    /// The folder's location.
    public let url: URL
    /// How the log is kept.
    public let logSettings: LogSettings
    public let mode: Mode
    /// The bearer tokens, `tokens.json`.
    let tokens: TokenStore
    /// The trend releases the strategic role reads, `releases/`.
    let releases: ReleaseStore
    let log: EventLog?
    /// Every response in columns (``Mode/reading`` and ``Mode/serving``; `nil` for ``Mode/writing``).
    private let dataset: Mutex<ResponseDataset?>
    /// Durable entries waiting for those before them, and the sequence number the dataset takes next: the
    /// requests of one group commit resume in any order, but the dataset is built in log order, as a replay
    /// builds it (same-day ties go to the later recording).
    private let sequencer: Mutex<(next: UInt64, waiting: [UInt64: LogEntry])>
    private let pseudonymiser = Mutex<Pseudonymiser?>(nil)
    /// Set when a durable entry could not be applied to the responses in memory: from then on memory no longer
    /// matches the log, so nothing is answered from it (open the folder again).
    private let memoryFailure = Mutex<String?>(nil)
    private let auditTrail = Mutex<AuditTrail?>(nil)

    /// The folder commands use when none is given: `$SPOR_DATA`, else `./spor-data`.
    public static func location(
        _ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        URL(fileURLWithPath: given ?? environment["SPOR_DATA"] ?? "./spor-data")
    }

    /// Opens the folder at `url` for `mode`.
    /// - Throws: the log's error when the folder is locked by another process or damaged.
    public init(url: URL, mode: Mode, logger: Logger, log settings: LogSettings = LogSettings()) throws {
        self.url = url
        self.mode = mode
        self.logSettings = settings
        self.tokens = TokenStore(folder: url)
        self.releases = ReleaseStore(dataFolder: url)
        switch mode {
        case .administering:
            log = nil
            dataset = Mutex(nil)
            sequencer = Mutex((0, [:]))
        case .reading:
            log = nil
            let loaded = try DatasetLoader.load(folder: url, catalog: .builtIn, refresh: true)
            dataset = Mutex(loaded.dataset)
            sequencer = Mutex((0, [:]))
        case .writing:
            log = try EventLog.open(folder: url, configuration: settings.configuration, logger: logger)
            dataset = Mutex(nil)
            sequencer = Mutex((0, [:]))
        case .serving:
            var replayed = try ResponseDataset(catalog: .builtIn)
            let log = try EventLog.open(folder: url, configuration: settings.configuration, logger: logger) { entry in
                try replayed.apply(entry)
            }
            self.log = log
            dataset = Mutex(replayed)
            sequencer = Mutex((log.opened.records, [:]))
            _ = try pseudonymiserForCPR()
            _ = try audit()
        }
    }

    /// Finishes the write in flight and releases the folder's lock.
    public func close() async {
        await log?.close()
    }

    // MARK: - What the use cases reach

    /// Runs `body` on the responses in memory.
    func read<Result>(_ body: (ResponseDataset) throws -> Result) throws -> Result {
        if let failure = memoryFailure.withLock({ $0 }) { throw UseCaseError.unavailable(failure) }
        return try dataset.withLock { dataset in
            guard let dataset else { throw UseCaseError.unavailable("the responses are not loaded in this mode") }
            return try body(dataset)
        }
    }

    /// The writable log.
    func writableLog() throws -> EventLog {
        guard let log else { throw UseCaseError.unavailable("the data folder is open for reading only") }
        return log
    }

    /// The current version of a stored response, retracted or not; `nil` when its id was never recorded.
    func stored(_ id: UUID) async throws -> StoredResponse? {
        if mode == .reading || mode == .serving { return try read { $0.stored(id) } }
        return try await writableLog().response(id: id)
    }

    /// The pseudonymiser, loaded (or its key created, for a new folder) when a CPR number first needs it.
    func pseudonymiserForCPR() throws -> Pseudonymiser {
        try pseudonymiser.withLock { loaded in
            if let loaded { return loaded }
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let made = try Pseudonymiser.load(folder: url)
            loaded = made
            return made
        }
    }

    /// The access audit trail, opened for appending at its first use.
    func audit() throws -> AuditTrail {
        try auditTrail.withLock { opened in
            if let opened { return opened }
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let trail = try AuditTrail(folder: url, metrics: logSettings.metrics)
            opened = trail
            return trail
        }
    }

    /// Appends events by `author` as one all-or-nothing batch, durably, and brings the responses in memory up to
    /// date.
    ///
    /// The log answers `alreadyStored` for a response a concurrent request is appending only once that append is
    /// durable; the other request may still be bringing the dataset up to date, so this waits until it has.
    func append(_ events: [SporLog.LogEvent], author: Author) async throws -> [EventLog.AppendResult] {
        let results = try await writableLog().append(events, author: author)
        guard mode == .serving else { return results }
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
            do {
                try dataset.withLock { dataset in
                    for entry in ready { try dataset?.apply(entry) }
                }
            } catch {
                memoryFailure.withLock {
                    $0 = "a durable entry did not fit the responses in memory; restart to replay the log"
                }
                throw error
            }
        }
    }

    /// Waits until the entries up to `sequence` are in the dataset: until a request of the same group commit that
    /// holds earlier entries has applied them (and with them these).
    private func awaitApplied(_ sequence: UInt64, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while sequencer.withLock({ $0.next <= sequence }) {
            guard ContinuousClock.now < deadline else {
                throw UseCaseError.unavailable("a durable write did not reach memory")
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Waits until a durable response appended by another request has reached the dataset.
    private func awaitInDataset(_ id: UUID, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while dataset.withLock({ $0?.stored(id) }) == nil {
            guard ContinuousClock.now < deadline else {
                throw UseCaseError.unavailable("a durable write did not reach memory")
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

extension DataFolder {
    /// The response to store for a validated draft: the citizen as given, or the pseudonymous id of its CPR number.
    /// The one citizen resolver of every way in.
    func resolve(_ draft: ResponseDraft, id: UUID) throws -> Response {
        switch draft.citizen {
        case .id(let citizen): draft.resolved(id: id, citizen: citizen)
        case .cpr: try pseudonymiserForCPR().resolve(draft, id: id)
        }
    }
}
