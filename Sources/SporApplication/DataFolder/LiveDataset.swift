import Foundation
import Logging
import SporInstruments
import SporLog
import SporReports
import SporSnapshot
import Synchronization

/// The responses in memory of an open data folder, read by many requests at once while durable writes keep
/// arriving, and saved as the folder's snapshot (docs/architecture.md, "Reads never block writes").
///
/// The dataset is guarded by a readers-writer lock that a write only ever *tries* to take. A durable entry is
/// first *sequenced*: put in log order (the requests of one group commit resume in any order) on a list of ready
/// entries, which is all a write waits for. Whoever finds the lock free applies the ready entries: the write
/// itself when no read is running, else the last read to finish. A read sees every write acknowledged before it
/// began: when entries it must see are still waiting, it applies them first (waiting, if need be, for the reads
/// in progress). The current version of a single response is answered from the dataset and the ready entries
/// together, so a write's own answer never waits for a report.
///
/// Long reads (reports, releases) and reads that must wait for the lock run on threads of their own
/// (``BlockingWorkers``), never on those of Swift's cooperative pool.
final class LiveDataset: @unchecked Sendable {
    /// A new snapshot is written once this many entries were applied since the last one: in the background, and by
    /// a command at its close (``closeCommand()``).
    private let snapshotAfterRecords: UInt64

    private let lock = ReadersWriterLock()
    /// Read under `lock` held shared, changed under it held alone.
    private var dataset: ResponseDataset
    private let state: Mutex<Sequencer>
    private let snapshot: Mutex<SnapshotState>
    private let place: SnapshotPlace
    /// A daemon's: snapshots are written in the background as entries are applied, not only at close.
    private let snapshotsInBackground: Bool
    private let logger: Logger
    /// Called inside every long read while the lock is held: lets a test hold a report open.
    let longReadHook = Mutex<(@Sendable () -> Void)?>(nil)

    /// Long reads and reads that wait: threads of their own, never those of Swift's cooperative pool.
    private static let readQueue = BlockingWorkers(name: "spor.reads", limit: 32)
    /// How often a short read gives up the processor while a write applies entries before it moves to the read
    /// queue: applying takes microseconds, a move two thread switches.
    private static let yieldsBeforeMoving = 16
    /// Each dataset's background work has serial queues of its own, so one dataset's snapshot, grow or attention
    /// build never waits behind another's (several live in one test process).
    private let snapshotQueue = DispatchQueue(label: "spor.snapshot", qos: .utility)
    private let growQueue = DispatchQueue(label: "spor.grow", qos: .userInitiated)
    private let attentionQueue = DispatchQueue(label: "spor.attention", qos: .utility)

    /// The durable entries on their way into the dataset.
    private struct Sequencer {
        /// The sequence number the next ready entry has.
        var next: UInt64
        /// Entries in the dataset (sequence numbers below this).
        var applied: UInt64
        /// The hash of the last entry in the dataset, when the writer gave it (a store's rows).
        var appliedHead: [UInt8]?
        /// The hash of the last ready entry, when the writer gave it.
        var readyHead: [UInt8]?
        /// Durable entries waiting for those before them.
        var waiting: [UInt64: LogEntry] = [:]
        /// Entries in log order, not yet in the dataset.
        var ready: [LogEntry] = []
        /// What the ready entries change, by response id.
        var pending: [UUID: PendingVersion] = [:]
        var sequenceWaiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var idWaiters: [UUID: [CheckedContinuation<Void, any Error>]] = [:]
        /// Set when a durable entry did not fit the dataset: memory no longer matches the log.
        var failure: String?
        /// While the attention list to keep is being built: the responses applied since it was begun.
        var appliedDuringAttentionBuild: [UUID]?
        /// While the columns are copied with more room: ready entries wait unless a read needs them.
        var growing = false
        /// The copy, made under the lock held shared when `applied` was this: taken by the next holder of the lock
        /// alone before it applies anything, so nothing can come between.
        var grown: (columns: GrownColumns, applied: UInt64)?
    }

    /// The latest ready version of a response.
    private struct PendingVersion {
        /// The recording's sequence number when the recording itself is ready.
        var recordedSequence: UInt64?
        /// The response as recorded, when the recording itself is ready.
        var recorded: Response?
        var response: Response?
        var definitionVersion: String?
        var isRetracted = false
    }

    /// Where the snapshot is written and how it is marked.
    enum SnapshotPlace: Sendable {
        /// A data folder's snapshot, marked with the position in the folder's log after the records it holds.
        case logFolder(URL)
        /// The cache folder of a daemon or command on a PostgreSQL store (docs/postgresql.md), marked with the
        /// number of rows it holds and the hash of the last one, as given with the rows (``sequence(_:headHash:)``).
        case cache(URL)
        /// No snapshot (a command on a data folder, which refreshes the folder's own through `DatasetLoader`, or
        /// anything on a store without a cache).
        case nowhere
    }

    private struct SnapshotState {
        /// Where the newest snapshot was taken; `nil` when there is none for this log.
        var mark: LogMark?
        var running = false
    }

    /// Takes over `dataset`, which holds the log's first `records` records, the last with the hash `headHash` when
    /// known; `mark` is the snapshot's, if it holds the same. A `writable` one (the daemon's) makes room for new
    /// rows in the background from the start, and writes the snapshot in the background as entries are applied;
    /// another (a command's) writes it only at its close (``closeCommand()``).
    init(
        dataset: ResponseDataset, records: UInt64, headHash: [UInt8]? = nil, snapshotMark: LogMark?,
        snapshotAfterRecords: UInt64, place: SnapshotPlace, writable: Bool, logger: Logger
    ) {
        self.dataset = dataset
        self.snapshotAfterRecords = snapshotAfterRecords
        self.state = Mutex(Sequencer(next: records, applied: records, appliedHead: headHash, readyHead: headHash))
        self.snapshot = Mutex(SnapshotState(mark: snapshotMark))
        self.place = place
        self.snapshotsInBackground = writable
        self.logger = logger
        // A dataset replayed from the log may have little room to spare: a daemon's grows before the writes need it.
        if writable, dataset.spareRows < Self.spareRowsWanted(dataset.count) { growInBackground() }
    }

    // MARK: - Reading

    /// Runs `body` on the dataset holding every entry sequenced before the call. A `long` read, and any read
    /// that must wait, runs on the read queue.
    func read<Result: Sendable>(
        long: Bool, _ body: @escaping @Sendable (ResponseDataset) throws -> Result
    ) async throws -> Result {
        let target = state.withLock { $0.next }
        // A second try: right after a write the first finds its entry still ready, and applies it on the way out
        // (when no other read holds the lock), so this read need not wait on the read queue.
        for pass in 0..<(long ? 0 : 2) where lock.tryLockForReading(yields: pass == 0 ? Self.yieldsBeforeMoving : 0) {
            if state.withLock({ $0.applied >= target }) {
                defer { unlockAndApply() }
                try checkHealthy()
                return try body(dataset)
            }
            unlockAndApply()
        }
        return try await withCheckedThrowingContinuation { continuation in
            Self.readQueue.async {
                continuation.resume(with: Swift.Result { try self.readWaiting(target: target, long: long, body) })
            }
        }
    }

    /// Like ``read(long:_:)``, but answered from the result kept under `key` when no entry was sequenced since it
    /// was made from the dataset (so it holds every write acknowledged before the call): for a list asked for again
    /// and again, such as a case worker's attention list. A result made is kept under `key` unless `keep` says no.
    func read<Key: Hashable & Sendable, Result: Sendable>(
        long: Bool, keptAs key: Key, keep: @escaping @Sendable (Result) -> Bool = { _ in true },
        _ body: @escaping @Sendable (ResponseDataset) throws -> Result
    ) async throws -> Result {
        let next = state.withLock { $0.failure == nil ? $0.next : nil }
        if let next, let kept = keptResults.withLock({ $0[AnyHashable(key)] }), kept.applied == next,
            let result = kept.result as? Result
        {
            return result
        }
        let (result, applied) = try await read(long: long) { dataset in
            // Under the lock held shared nothing is applied: `applied` is what `dataset` holds.
            (try body(dataset), self.state.withLock { $0.applied })
        }
        if keep(result) {
            keptResults.withLock { kept in
                if kept.count >= Self.keptResultsLimit { kept.removeAll() }
                kept[AnyHashable(key)] = (applied, result)
            }
        }
        return result
    }

    /// Results of ``read(long:keptAs:keep:_:)`` by key, with the entries applied when each was made.
    private let keptResults = Mutex<[AnyHashable: (applied: UInt64, result: any Sendable)]>([:])
    private static let keptResultsLimit = 64

    /// ``read(long:_:)`` for a synchronous caller: blocks the calling thread until it may read.
    func readBlocking<Result>(_ body: (ResponseDataset) throws -> Result) throws -> Result {
        try readWaiting(target: state.withLock { $0.next }, long: true, body)
    }

    /// The current version of a response, ready entries included; `nil` when it was never recorded.
    func stored(_ id: UUID) async throws -> StoredResponse? {
        try await readWithoutPending(long: false) { dataset in
            let base = dataset.stored(id)
            guard let pending = self.state.withLock({ $0.pending[id] }) else { return base }
            let recorded = pending.recordedSequence ?? base?.recordedSequence
            guard let recorded, let response = pending.response ?? base?.response,
                let version = pending.definitionVersion ?? base?.definitionVersion
            else { return base }
            return StoredResponse(
                response: response, definitionVersion: version,
                isRetracted: pending.isRetracted || (base?.isRetracted ?? false), recordedSequence: recorded)
        }
    }

    /// The response as first recorded (before any correction), retracted or not; `nil` when its id was never
    /// recorded. Like ``stored(_:)``, it does not wait for ready entries to be applied: a PostgreSQL store decides
    /// appends with it while holding the advisory lock.
    func recorded(_ id: UUID) async throws -> Response? {
        try await readWithoutPending(long: false) { dataset in
            dataset.recorded(id) ?? self.state.withLock { $0.pending[id]?.recorded }
        }
    }

    /// Like ``read(long:_:)``, but does not wait for ready entries to be applied: the caller adds them itself
    /// from the pending list.
    private func readWithoutPending<Result: Sendable>(
        long: Bool, _ body: @escaping @Sendable (ResponseDataset) throws -> Result
    ) async throws -> Result {
        if lock.tryLockForReading(yields: Self.yieldsBeforeMoving) {
            defer { unlockAndApply() }
            try checkHealthy()
            return try body(dataset)
        }
        return try await withCheckedThrowingContinuation { continuation in
            Self.readQueue.async {
                continuation.resume(with: Swift.Result { try self.readWaiting(target: 0, long: long, body) })
            }
        }
    }

    /// Takes the lock shared once the dataset holds the entries before `target`, applying them first if need be,
    /// and runs `body`. Blocks: runs on the read queue.
    private func readWaiting<Result>(
        target: UInt64, long: Bool, _ body: (ResponseDataset) throws -> Result
    ) throws -> Result {
        lock.lockForReading()
        while state.withLock({ $0.applied < target && $0.failure == nil }) {
            lock.unlock()
            lock.lockForWriting()
            applyReady()
            lock.unlock()
            lock.lockForReading()
        }
        defer { unlockAndApply() }
        try checkHealthy()
        if long, let hook = longReadHook.withLock({ $0 }) { hook() }
        return try body(dataset)
    }

    private func checkHealthy() throws {
        if let failure = state.withLock({ $0.failure }) { throw UseCaseError.unavailable(failure) }
    }

    // MARK: - Writing

    /// Puts durable entries in log order; they reach the dataset as soon as no read holds it. Never waits for a
    /// read. `headHash` is the hash of the last of `entries` when the writer knows it (a store's rows, which mark a
    /// cache's snapshot).
    func sequence(_ entries: [LogEntry], headHash: [UInt8]? = nil) throws {
        var resumed: [CheckedContinuation<Void, any Error>] = []
        let failure = state.withLock { state -> String? in
            if let failure = state.failure { return failure }
            for entry in entries { state.waiting[entry.sequence] = entry }
            while let entry = state.waiting.removeValue(forKey: state.next) {
                state.ready.append(entry)
                state.next += 1
                let id = entry.event.responseID
                state.pending[id] = Self.merge(entry, into: state.pending[id])
                if let waiters = state.idWaiters.removeValue(forKey: id) { resumed += waiters }
            }
            if let last = entries.last {
                state.readyHead = last.sequence + 1 == state.next ? headHash : nil
            }
            let next = state.next
            state.sequenceWaiters.removeAll { waiter in
                guard waiter.sequence < next else { return false }
                resumed.append(waiter.continuation)
                return true
            }
            return nil
        }
        if let failure { throw UseCaseError.unavailable(failure) }
        for continuation in resumed { continuation.resume() }
        applyWhenFree()
    }

    /// Returns once the entries up to `sequence` are sequenced (resumed by ``sequence(_:)``, no polling).
    func awaitSequenced(_ sequence: UInt64) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = state.withLock { state -> String?? in
                if let failure = state.failure { return .some(failure) }
                if state.next > sequence { return .some(nil) }
                state.sequenceWaiters.append((sequence, continuation))
                return nil
            }
            switch outcome {
            case .none: break
            case .some(nil): continuation.resume()
            case .some(let failure?): continuation.resume(throwing: UseCaseError.unavailable(failure))
            }
        }
    }

    /// Returns once a response another request appended durably can be read (resumed when its entry is
    /// sequenced, no polling).
    func awaitVisible(_ id: UUID) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Self.readQueue.async {
                // Under the lock held shared nothing is applied, so an entry not in the dataset and not ready is
                // still to be sequenced, which resumes the waiter.
                self.lock.lockForReading()
                defer { self.unlockAndApply() }
                let known = self.dataset.stored(id) != nil
                let outcome = self.state.withLock { state -> String?? in
                    if let failure = state.failure { return .some(failure) }
                    if known || state.pending[id] != nil { return .some(nil) }
                    state.idWaiters[id, default: []].append(continuation)
                    return nil
                }
                switch outcome {
                case .none: break
                case .some(nil): continuation.resume()
                case .some(let failure?): continuation.resume(throwing: UseCaseError.unavailable(failure))
                }
            }
        }
    }

    /// Applies the ready entries and writes the snapshot of everything; call after the last write.
    func close() {
        applyAllReady()
        // On the snapshot queue, after any background snapshot: one writer of the file at a time.
        snapshotQueue.sync { _ = writeSnapshot() }
    }

    /// A command's close: applies the ready entries and writes the snapshot when it is due (the command read or
    /// wrote many rows since the last one), on a thread of its own, not one of Swift's cooperative ones. Without a
    /// place for the snapshot there is nothing to do: the process ends and its responses in memory with it.
    func closeCommand() async {
        if case .nowhere = place { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Self.readQueue.async {
                self.applyAllReady()
                // On the snapshot queue, after any background snapshot: one writer of the file at a time.
                self.snapshotQueue.sync { if self.snapshotDue { _ = self.writeSnapshot() } }
                continuation.resume()
            }
        }
    }

    private func applyAllReady() {
        lock.lockForWriting()
        applyReady()
        lock.unlock()
    }

    // MARK: - Applying

    /// Releases the lock, then applies ready entries if nobody else holds it.
    private func unlockAndApply() {
        lock.unlock()
        applyWhenFree()
    }

    /// Applies the ready entries unless the lock is held (its holder does it when it lets go) or the columns are
    /// being grown (done after).
    private func applyWhenFree() {
        while state.withLock({ !$0.ready.isEmpty && $0.failure == nil && !$0.growing }) {
            guard lock.tryLockForWriting() else { return }
            applyReady()
            lock.unlock()
        }
        snapshotIfDue()
    }

    /// Applies every ready entry, in order, after taking the grown columns if a copy waits. The lock must be held
    /// alone.
    private func applyReady() {
        if let grown = state.withLock({ state -> (columns: GrownColumns, applied: UInt64)? in
            defer { state.grown = nil }
            return state.grown?.applied == state.applied ? state.grown : nil
        }) {
            _ = dataset.adopt(grown.columns)
        }
        let (entries, head) = state.withLock { state -> ([LogEntry], [UInt8]?) in
            guard state.failure == nil else { return ([], nil) }
            let ready = state.ready
            state.ready.removeAll()
            state.pending.removeAll()
            return (ready, state.readyHead)
        }
        guard !entries.isEmpty else { return }
        do {
            for entry in entries { try dataset.apply(entry) }
            state.withLock { state in
                state.applied += UInt64(entries.count)
                state.appliedHead = head
                state.appliedDuringAttentionBuild? += entries.map(\.event.responseID)
            }
            if dataset.spareRows < Self.spareRowsWanted(dataset.count) { growInBackground() }
        } catch {
            logger.error("a durable entry did not fit the responses in memory", metadata: ["error": "\(error)"])
            fail("a durable entry did not fit the responses in memory; restart to replay the log")
        }
    }

    /// Stops answering from memory and fails every waiter.
    private func fail(_ message: String) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.failure = message
            let waiters = state.sequenceWaiters.map(\.continuation) + state.idWaiters.values.flatMap { $0 }
            state.sequenceWaiters = []
            state.idWaiters = [:]
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: UseCaseError.unavailable(message)) }
    }

    private static func merge(_ entry: LogEntry, into pending: PendingVersion?) -> PendingVersion {
        var merged = pending ?? PendingVersion()
        switch entry.event {
        case .responseRecorded(let response, let version):
            if merged.recordedSequence == nil, merged.response == nil {
                merged = PendingVersion(
                    recordedSequence: entry.sequence, recorded: response, response: response,
                    definitionVersion: version)
            }
        case .responseCorrected(let response, let version, _):
            merged.response = response
            merged.definitionVersion = version
        case .responseRetracted:
            merged.isRetracted = true
        }
        return merged
    }

    // MARK: - Growing the columns

    /// Rows of room below which the columns are grown: a column that grows by itself copies every row while the
    /// dataset is held alone (at five million responses, long enough to hold every write up).
    private static func spareRowsWanted(_ count: Int) -> Int { max(4_096, count / 32) }

    /// Copies the columns with room for a quarter more rows while holding the dataset for reading only (writes are
    /// sequenced and answered meanwhile; they are applied after), and leaves the copy for the next holder of the
    /// lock alone, which takes it before applying anything (``applyReady()``).
    private func growInBackground() {
        let start = state.withLock { state -> Bool in
            guard !state.growing, state.grown == nil else { return false }
            state.growing = true
            return true
        }
        guard start else { return }
        growQueue.async {
            self.lock.lockForReading()
            let grown = self.dataset.grownColumns(
                rows: self.dataset.count + ResponseDataset.roomToGrow(self.dataset.count))
            // Published while the lock is still held shared: nothing is applied before the copy is taken.
            self.state.withLock { state in
                state.grown = (grown, state.applied)
                state.growing = false
            }
            self.lock.unlock()
            if self.lock.tryLockForWriting() {
                self.applyReady()
                self.lock.unlock()
            }
            self.applyWhenFree()
        }
    }

    // MARK: - The kept attention list

    /// Builds the attention list to keep on a queue of its own, holding the dataset for reading only (writes go
    /// on), then keeps it, brought up to date with what was applied meanwhile; a list asked for until then waits
    /// for it (``awaitKeptAttentionList()``). The lists of the scopes of several units in `scopes` (staff members'
    /// units) are kept next, the same way.
    func keepAttentionListInBackground(scopes: [Set<Label>] = []) {
        attentionBuild.withLock { $0 = .building([]) }
        attentionQueue.async {
            let started = ContinuousClock.now
            self.keepBuilt { dataset, applied in
                let keeper = dataset.attentionKeeper()
                return { $0.keepAttentionList(keeper, refreshing: applied()) }
            }
            let waiters = self.attentionBuild.withLock { build -> [CheckedContinuation<Void, Never>] in
                defer { build = .done }
                if case .building(let waiters) = build { return waiters }
                return []
            }
            for waiter in waiters { waiter.resume() }
            self.logger.info("keeping the attention list", metadata: ["built in": "\(ContinuousClock.now - started)"])
            for units in scopes { self.keepScope(units) }
        }
    }

    /// Keeps the attention list of a scope of several units from now on, built in the background; until then its
    /// lists are computed as they are asked for.
    func keepAttentionInBackground(units: Set<Label>) {
        attentionQueue.async { self.keepScope(units) }
    }

    /// Builds and keeps the list of one scope of several units, unless it is kept already; on the attention queue.
    private func keepScope(_ units: Set<Label>) {
        keepBuilt { dataset, applied in
            guard !dataset.keepsAttention(for: .units(units)), let scoped = dataset.attentionScopeKeeper(units: units)
            else { return nil }
            return { $0.keepAttention(scoped, refreshing: applied()) }
        }
    }

    /// Runs `build` on the dataset held for reading only (writes go on), then the change it returns with the
    /// dataset held alone, `applied` then naming the responses applied in between; on the attention queue.
    private func keepBuilt(
        _ build: (ResponseDataset, @escaping () -> [UUID]) -> ((inout ResponseDataset) -> Void)?
    ) {
        lock.lockForReading()
        state.withLock { $0.appliedDuringAttentionBuild = [] }
        let applied = {
            self.state.withLock { state in
                defer { state.appliedDuringAttentionBuild = nil }
                return state.appliedDuringAttentionBuild ?? []
            }
        }
        let change = build(dataset, applied)
        unlockAndApply()
        guard let change else {
            _ = applied()
            return
        }
        lock.lockForWriting()
        change(&dataset)
        unlockAndApply()
    }

    /// Whether the kept attention list is being built, and who waits for it.
    private enum AttentionBuild {
        case none
        case building([CheckedContinuation<Void, Never>])
        case done
    }

    private let attentionBuild = Mutex(AttentionBuild.none)

    /// Returns once the attention list being built in the background is kept (at once when none is being built):
    /// it is ready sooner than a list computed over every response.
    func awaitKeptAttentionList() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = attentionBuild.withLock { build -> Bool in
                guard case .building(let waiters) = build else { return true }
                build = .building(waiters + [continuation])
                return false
            }
            if ready { continuation.resume() }
        }
    }

    // MARK: - Snapshot

    /// Whether ``snapshotAfterRecords`` entries or more were applied since the last snapshot.
    private var snapshotDue: Bool {
        let applied = state.withLock { $0.applied }
        return applied >= (snapshot.withLock { $0.mark?.records } ?? 0) + snapshotAfterRecords
    }

    /// Starts writing a snapshot in the background when enough entries were applied since the last one (a
    /// daemon's only: a command writes one at its close, not one every so many rows of an import).
    func snapshotIfDue() {
        guard snapshotsInBackground else { return }
        if case .nowhere = place { return }
        let due = snapshotDue
        let start = snapshot.withLock { snapshot -> Bool in
            guard due, !snapshot.running else { return false }
            snapshot.running = true
            return true
        }
        guard start else { return }
        snapshotQueue.async {
            let wrote = self.writeSnapshot()
            self.snapshot.withLock { $0.running = false }
            // Entries applied while it was written may have made the next one due already.
            if wrote { self.snapshotIfDue() }
        }
    }

    /// Writes the dataset as the snapshot, holding the lock shared (writes go on; they are applied after), and
    /// returns whether it did. Best effort: a failure is logged and the next start replays more. Runs on the
    /// snapshot queue only.
    private func writeSnapshot() -> Bool {
        lock.lockForReading()
        defer { unlockAndApply() }
        let (records, head) = state.withLock { $0.failure == nil ? ($0.applied, $0.appliedHead) : (0, nil) }
        let known = snapshot.withLock { $0.mark }
        guard records > 0, records != known?.records else { return false }
        do {
            let mark: LogMark?
            let folder: URL
            switch place {
            case .nowhere:
                return false
            case .logFolder(let logFolder):
                folder = logFolder
                mark =
                    try known.map { try LogReplay.mark(folder: folder, after: $0, records: records) }
                    ?? LogReplay.mark(folder: folder, records: records)
            case .cache(let cache):
                folder = cache
                mark = head.map { LogMark(records: records, segment: 0, offset: 0, headHash: $0) }
                try FileManager.default.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            guard let mark, mark.records == records else {
                logger.warning("no snapshot written: the log does not end where the responses in memory do")
                return false
            }
            try DatasetLoader.writeSnapshot(of: dataset, at: mark, folder: folder)
            snapshot.withLock { $0.mark = mark }
            logger.info("wrote the snapshot", metadata: ["records": "\(records)"])
            return true
        } catch {
            logger.warning("no snapshot written", metadata: ["error": "\(error)"])
            return false
        }
    }
}
