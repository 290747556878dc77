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
        /// The daemon writes a new snapshot in the background once this many records were applied since the last;
        /// a command on a PostgreSQL store with a cache folder writes one at its close after as many.
        public var snapshotAfterRecords: UInt64
        /// At 5 million responses a snapshot takes about a second to write, and 200,000 records take about half a
        /// second to replay at the next start.
        public static let defaultSnapshotAfterRecords: UInt64 = 200_000
        /// A command's threshold: as many as make a command on a data folder refresh the folder's snapshot.
        public static let commandSnapshotAfterRecords = DatasetLoader.refreshAfterRecords
        /// Where the log's and the audit trail's figures go (docs/server.md); the process-wide swift-metrics
        /// factory unless another is given.
        public var metrics: any MetricsFactory
        /// How often a daemon on a PostgreSQL store with a checkpoint signing key writes a signed head while rows
        /// arrive (besides the one at close).
        public var storeCheckpointInterval: Duration
        /// A signed head a minute: a superuser who cuts rows off the end finds at most a minute's rows unsigned.
        public static let defaultStoreCheckpointInterval: Duration = .seconds(60)

        public init(
            checkpointFile: URL? = nil, segmentSize: Int = defaultSegmentSize,
            snapshotAfterRecords: UInt64 = defaultSnapshotAfterRecords,
            metrics: any MetricsFactory = MetricsSystem.factory,
            storeCheckpointInterval: Duration = defaultStoreCheckpointInterval
        ) {
            self.checkpointFile = checkpointFile
            self.segmentSize = segmentSize
            self.snapshotAfterRecords = snapshotAfterRecords
            self.metrics = metrics
            self.storeCheckpointInterval = storeCheckpointInterval
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
    /// The PostgreSQL store the log, tokens and audit trail are kept in instead of the folder, when opened with
    /// ``open(store:mode:keyFile:environment:logger:log:)``.
    let store: StoreBacking?
    /// Every response in columns (``Mode/reading`` and ``Mode/serving``; `nil` otherwise).
    private let live: LiveDataset?
    /// How the responses were loaded (``Mode/reading`` and ``Mode/serving``).
    public let load: Load?
    private let pseudonymiser = Mutex<Pseudonymiser?>(nil)
    private let auditTrail = Mutex<AuditTrail?>(nil)

    /// How the responses in memory were loaded when the folder was opened.
    public struct Load: Hashable, Sendable {
        /// Whether they came from the snapshot (`false`: the whole log was replayed).
        public var fromSnapshot: Bool
        /// Records read from the log: those after the snapshot, or all of them.
        public var recordsReplayed: UInt64
    }

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
        self.store = nil
        switch mode {
        case .administering:
            log = nil
            live = nil
            load = nil
        case .reading:
            log = nil
            let loaded = try DatasetLoader.load(folder: url, catalog: .builtIn, refresh: true)
            (live, load) = Self.liveDataset(
                loaded, writable: false, settings: settings, folder: url, logger: logger)
        case .writing:
            log = try EventLog.open(folder: url, configuration: settings.configuration, logger: logger)
            live = nil
            load = nil
        case .serving:
            // The responses come from the snapshot and the records after it, as `spor report` loads them, on another
            // core while the log is opened (its checkpoint check and key binding, and any torn end cut off). When
            // the two do not end at the same record (a new folder, an end cut off meanwhile), they are loaded again
            // from the opened log. A stale snapshot is rewritten in the background, not before serving.
            let loading = Self.loadInBackground(folder: url)
            let log = try EventLog.open(folder: url, configuration: settings.configuration, logger: logger)
            var loaded = try? loading.wait()
            if loaded == nil || loaded?.mark?.records ?? 0 != log.opened.records {
                loaded = try DatasetLoader.load(folder: url, catalog: .builtIn, refresh: false)
            }
            guard let loaded, (loaded.mark?.records ?? 0) == log.opened.records else {
                throw UseCaseError.unavailable(
                    "the responses loaded do not end where the log does; open the folder again")
            }
            self.log = log
            (live, load) = Self.liveDataset(
                loaded, writable: true, settings: settings, folder: url, logger: logger)
            // The lists of staff members of several units are kept too, next.
            let scopes = ((try? tokens.list()) ?? []).filter { $0.revoked == nil && $0.units.count > 1 }
            live?.keepAttentionListInBackground(scopes: Array(Set(scopes.map { Set($0.units) })))
            live?.snapshotIfDue()
            _ = try pseudonymiserForCPR()
            _ = try audit()
        }
    }

    /// A PostgreSQL store opened as a data folder, by ``open(store:mode:keyFile:environment:logger:log:)``.
    init(store: StoreBacking, mode: Mode, live: LiveDataset?, load: Load?, settings: LogSettings) {
        self.url = store.url
        self.mode = mode
        self.logSettings = settings
        self.tokens = TokenStore(folder: store.url)
        self.releases = ReleaseStore(dataFolder: store.url)
        self.store = store
        self.log = nil
        self.live = live
        self.load = load
    }

    /// Loads the folder's responses on a thread of its own (not dispatch's pool, whose few threads may all be busy
    /// while the caller blocks for the result); `wait()` returns them.
    private static func loadInBackground(folder: URL) -> BackgroundLoad {
        let load = BackgroundLoad()
        Thread {
            load.result.withLock {
                $0 = Result { try DatasetLoader.load(folder: folder, catalog: .builtIn, refresh: false) }
            }
            load.done.signal()
        }.start()
        return load
    }

    /// A dataset being loaded on another thread.
    private final class BackgroundLoad: Sendable {
        let result = Mutex<Result<DatasetLoader.Loaded, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)

        func wait() throws -> DatasetLoader.Loaded {
            done.wait()
            return try result.withLock { $0! }.get()
        }
    }

    /// The responses in memory.
    private static func liveDataset(
        _ loaded: DatasetLoader.Loaded, writable: Bool, settings: LogSettings, folder: URL, logger: Logger
    ) -> (LiveDataset, Load) {
        let load: Load =
            switch loaded.source {
            case .snapshot(let recordsAfter): Load(fromSnapshot: true, recordsReplayed: recordsAfter)
            case .fullReplay: Load(fromSnapshot: false, recordsReplayed: loaded.mark?.records ?? 0)
            }
        logger.info(
            "loaded the responses",
            metadata: ["from": "\(load.fromSnapshot ? "snapshot" : "log")", "replayed": "\(load.recordsReplayed)"])
        let live = LiveDataset(
            dataset: loaded.dataset, records: loaded.mark?.records ?? 0, snapshotMark: loaded.snapshotMark,
            snapshotAfterRecords: settings.snapshotAfterRecords, place: .logFolder(folder), writable: writable,
            logger: logger)
        return (live, load)
    }

    /// Finishes the write in flight, writes the snapshot of the responses in memory (``Mode/serving``, and a
    /// command on a store with a cache that read many rows; so the next start reads only what is appended after
    /// it) and releases the folder's lock.
    public func close() async {
        if let store {
            if mode != .serving { await live?.closeCommand() }
            await store.close()
        } else {
            await log?.close()
        }
        if mode == .serving { live?.close() }
    }

    // MARK: - What the use cases reach

    /// Runs `body` on the responses in memory, holding every write acknowledged before the call. A `long` read
    /// (a report, a list over every citizen) runs off Swift's cooperative threads; no read delays a write.
    func read<Result: Sendable>(
        long: Bool, _ body: @escaping @Sendable (ResponseDataset) throws -> Result
    ) async throws -> Result {
        guard let live else { throw UseCaseError.unavailable("the responses are not loaded in this mode") }
        return try await live.read(long: long, body)
    }

    /// ``read(long:_:)`` answered from the result kept under `key` while no write came since it was made; a result
    /// is kept when `keep` says so.
    func read<Key: Hashable & Sendable, Result: Sendable>(
        long: Bool, keptAs key: Key, keep: @escaping @Sendable (Result) -> Bool,
        _ body: @escaping @Sendable (ResponseDataset) throws -> Result
    ) async throws -> Result {
        guard let live else { throw UseCaseError.unavailable("the responses are not loaded in this mode") }
        return try await live.read(long: long, keptAs: key, keep: keep, body)
    }

    /// Runs `body` on the responses in memory holding every write acknowledged before the call, blocking the
    /// calling thread until it may read: for the few synchronous callers (making a trend release under its lock).
    func read<Result>(_ body: (ResponseDataset) throws -> Result) throws -> Result {
        guard let live else { throw UseCaseError.unavailable("the responses are not loaded in this mode") }
        return try live.readBlocking(body)
    }

    /// Returns once the attention list the daemon keeps is built (right after a start it is built in the background).
    func awaitKeptAttentionList() async {
        await live?.awaitKeptAttentionList()
    }

    /// Keeps the attention list of a scope of several units from now on (built in the background), so later lists
    /// of the scope are answered from kept keys.
    func keepAttention(units: Set<Label>) {
        live?.keepAttentionInBackground(units: units)
    }

    /// Writes a new snapshot of the folder when many records were appended since the last one (after an import):
    /// best effort, a failure only means the next read replays more.
    func refreshSnapshot() {
        _ = try? DatasetLoader.load(folder: url, catalog: .builtIn, refresh: true)
    }

    /// Lets a test hold every long read open: `hook` runs inside each one while it holds the responses.
    func holdLongReads(_ hook: (@Sendable () -> Void)?) {
        live?.longReadHook.withLock { $0 = hook }
    }

    /// The writable log.
    func writableLog() throws -> EventLog {
        if store != nil {
            throw UseCaseError.unavailable(
                "this works on a data folder only: run it on a folder and move the log with spor store copy")
        }
        guard let log else { throw UseCaseError.unavailable("the data folder is open for reading only") }
        return log
    }

    /// The current version of a stored response, retracted or not; `nil` when its id was never recorded.
    func stored(_ id: UUID) async throws -> StoredResponse? {
        if let live { return try await live.stored(id) }
        return try await writableLog().response(id: id)
    }

    /// The pseudonymiser, loaded (or its key created, for a new folder) when a CPR number first needs it.
    func pseudonymiserForCPR() throws -> Pseudonymiser {
        if let store { return try store.pseudonymiserForCPR() }
        return try pseudonymiser.withLock { loaded in
            if let loaded { return loaded }
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let made = try Pseudonymiser.load(folder: url)
            loaded = made
            return made
        }
    }

    /// Appends lines to the access audit trail (the folder's, or the store's table) and returns once they are
    /// durable.
    func appendAudit(_ records: [AuditRecord]) async throws {
        if let store { return try await store.appendAudit(records) }
        try await audit().append(contentsOf: records)
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

    /// Appends events by `author` as one all-or-nothing batch, durably, and hands them to the responses in memory.
    ///
    /// Returns once the events are durable and in log order for memory (not once applied: a report running now
    /// does not hold the write up; every later read sees them). The log answers `alreadyStored` for a response a
    /// concurrent request is appending only once that append is durable; this then waits, without polling, until
    /// the other request has handed it over.
    func append(_ events: [SporLog.LogEvent], author: Author) async throws -> [EventLog.AppendResult] {
        if let store { return try await store.append(events, author: author) }
        let results = try await writableLog().append(events, author: author)
        guard mode == .serving, let live else { return results }
        let entries = results.compactMap { result -> LogEntry? in
            if case .appended(let entry) = result { entry } else { nil }
        }
        try live.sequence(entries)
        if let last = entries.last { try await live.awaitSequenced(last.sequence) }
        for case .alreadyStored(let response) in results { try await live.awaitVisible(response.id) }
        return results
    }
}

extension DataFolder {
    /// The response to store for a validated draft: the citizen as given, or the pseudonymous id of its CPR number.
    /// The one citizen resolver of every way in.
    func resolve(_ draft: ResponseDraft, id: UUID) throws -> Response {
        switch draft.citizen {
        case .id(let citizen): draft.resolved(id: id, citizen: citizen)
        case .cpr(let cpr): draft.resolved(id: id, citizen: try pseudonymiserForCPR().citizenID(for: cpr))
        }
    }
}
