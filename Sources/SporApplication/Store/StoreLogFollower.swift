import Foundation
import Logging
import SporInstruments
import SporLog
import SporPostgres
import SporReports

/// The log of a PostgreSQL store as one daemon keeps it (docs/postgresql.md): it appends this daemon's writes and
/// follows every other daemon's, handing both to the responses in memory in sequence order.
///
/// Appends are group-committed: the requests that arrive while a transaction is in flight go out together in the
/// next one. Each transaction takes the advisory lock, first reads the rows other daemons committed since this one
/// last read (so idempotency by response id and the rules on corrections hold across daemons), then decides each
/// request as the embedded log would and inserts the admitted records chained after the table's last row. A request
/// is answered only after the COMMIT, with its records already in sequence for memory, so a read of a write this
/// daemon acknowledged sees it at once. Rows written by others are read by sequence number after the last one
/// handed over, when a `LISTEN` notification wakes the follower and once a second besides, so a missed
/// notification loses nothing.
actor StoreLogFollower {
    private struct Request {
        var events: [SporLog.LogEvent]
        var author: Author
        var continuation: CheckedContinuation<[EventLog.AppendResult], any Error>
    }

    /// Requests not yet taken into a transaction, by number; one still here at its deadline is answered
    /// ``StoreDeadline/unavailable`` and never written.
    private var untaken: [Int: Request] = [:]
    private var numbered = 0

    private let log: PostgresLog
    private let live: LiveDataset
    private let logger: Logger
    /// Positioned after the last row handed to memory.
    private var check: RecordChainCheck
    /// The numbers of the requests waiting for the next group commit, in arrival order.
    private var waiting: [Int] = []
    private var catchUpWanted = false
    private var running = false
    private var reachable = true
    private var stopped = false
    private var tasks: [Task<Void, Never>] = []
    /// Rows read per query while catching up.
    private static let page = 10_000

    init(log: PostgresLog, live: LiveDataset, after check: RecordChainCheck, logger: Logger) {
        self.log = log
        self.live = live
        self.check = check
        self.logger = logger
    }

    /// Starts following the table: a listener on the log's channel and a wake-up once a second.
    func start() {
        // The tasks hold the follower until ``stop()`` cancels them.
        let log = self.log
        tasks.append(
            Task {
                while !Task.isCancelled {
                    try? await log.listen(on: .log) { await self.wake() }
                    try? await Task.sleep(for: .seconds(1))
                }
            })
        tasks.append(
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    self.wake()
                }
            })
    }

    /// Where the follower stands: after the last row checked and handed to memory.
    var position: RecordChainCheck { check }

    /// Stops following and returns once no transaction or catch-up runs; appends still waiting fail.
    func stop() async {
        stopped = true
        for task in tasks { task.cancel() }
        tasks = []
        while running { try? await Task.sleep(for: .milliseconds(10)) }
        let closing = UseCaseError.unavailable("The daemon is shutting down; nothing was stored.")
        for number in waiting { untaken.removeValue(forKey: number)?.continuation.resume(throwing: closing) }
        waiting = []
    }

    /// Appends `events` by `author` as one all-or-nothing batch and returns once committed and in sequence for
    /// memory, each event answered as ``EventLog/append(_:author:)`` answers it.
    /// - Throws: ``LogError`` refusing the batch; ``UseCaseError`` `unavailable` when PostgreSQL cannot be reached
    ///   or refused the transaction (nothing was acknowledged; sending the same request again is safe).
    func append(_ events: [SporLog.LogEvent], author: Author) async throws -> [EventLog.AppendResult] {
        try await withCheckedThrowingContinuation { continuation in
            numbered += 1
            let number = numbered
            untaken[number] = Request(events: events, author: author, continuation: continuation)
            waiting.append(number)
            startIfIdle()
            Task {
                try? await Task.sleep(for: .seconds(StoreDeadline.seconds))
                self.expire(number)
            }
        }
    }

    /// Answers a request that no transaction took before its deadline.
    private func expire(_ number: Int) {
        guard let request = untaken.removeValue(forKey: number) else { return }
        request.continuation.resume(throwing: StoreDeadline.unavailable)
    }

    /// Reads what other daemons appended, soon.
    func wake() {
        catchUpWanted = true
        startIfIdle()
    }

    private func startIfIdle() {
        guard !running, !stopped else { return }
        running = true
        Task { await drain() }
    }

    /// Commits waiting appends and catches up until there is nothing to do.
    private func drain() async {
        while true {
            if stopped {
                running = false
                return
            }
            if !waiting.isEmpty {
                let numbers = waiting
                waiting = []
                catchUpWanted = false
                await commit(numbers)
            } else if catchUpWanted {
                catchUpWanted = false
                do {
                    try await catchUp()
                    noteReachable(true, nil)
                } catch {
                    noteReachable(false, error)
                }
            } else {
                running = false
                return
            }
        }
    }

    private func noteReachable(_ now: Bool, _ error: (any Error)?) {
        guard now != reachable else { return }
        reachable = now
        if now {
            logger.info("following the PostgreSQL store again")
        } else {
            logger.error("cannot follow the PostgreSQL store", metadata: ["error": "\(error.map { "\($0)" } ?? "")"])
        }
    }

    /// Reads every row after the last one handed to memory.
    private func catchUp() async throws {
        _ = try await StoreLogPages.read(log, after: check, size: Self.page) { _, entries, after in
            try live.sequence(entries, headHash: after.headHash)
            check = after
        }
    }

    /// Checks rows that continue the chain and hands them to memory.
    private func take(_ rows: [ChainedRecord]) throws {
        guard !rows.isEmpty else { return }
        var checked = check
        let entries = try StoreLogPages.entries(of: rows, after: &checked)
        try live.sequence(entries, headHash: checked.headHash)
        check = checked
    }

    /// One group commit: every request decided, the admitted ones inserted in one transaction.
    private func commit(_ numbers: [Int]) async {
        var refused: [Int: any Error] = [:]
        var decided: [(request: Int, answers: [Response?], records: [ChainedRecord])] = []
        var group: [Request] = []
        do {
            try await log.withAppendLock { transaction in
                // Only the requests still waiting: one past its deadline was answered and is not written.
                group = numbers.compactMap { untaken.removeValue(forKey: $0) }
                let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
                try take(try await transaction.rows(from: check.nextSequence))
                var admission = StoreAdmission(known: known)
                var next = check.nextSequence
                var head = check.headHash
                for (number, request) in group.enumerated() {
                    let before = admission
                    do {
                        let (answers, toWrite) = try await admission.admit(request.events)
                        let records =
                            toWrite.isEmpty
                            ? []
                            : try ChainedRecord.batch(
                                toWrite, author: request.author, atMillis: now, next: next, previousHash: head)
                        next += UInt64(records.count)
                        head = records.last?.hash ?? head
                        decided.append((number, answers, records))
                    } catch {
                        admission = before
                        refused[number] = error
                    }
                }
                // `take` read the table to its end under the lock: `check` is where it ends.
                try await transaction.insert(decided.flatMap(\.records), after: check)
            }
        } catch {
            let failure = Self.unavailable(error)
            for request in group { request.continuation.resume(throwing: failure) }
            // Requests the transaction never took (it failed before it began) fail alike.
            for number in numbers { untaken.removeValue(forKey: number)?.continuation.resume(throwing: failure) }
            noteReachable(false, error)
            return
        }
        noteReachable(true, nil)
        let written: [[LogEntry]]
        do {
            written = try decided.map { try $0.records.map { try $0.entry() } }
            if let last = decided.last(where: { !$0.records.isEmpty })?.records.last {
                check = RecordChainCheck(nextSequence: last.sequence + 1, headHash: last.hash)
            }
            let entries = written.flatMap { $0 }
            try live.sequence(entries, headHash: check.headHash)
            if let last = entries.last { try await live.awaitSequenced(last.sequence) }
        } catch {
            for request in group { request.continuation.resume(throwing: error) }
            return
        }
        for (number, error) in refused { group[number].continuation.resume(throwing: error) }
        for (decision, entries) in zip(decided, written) {
            var appended = entries[...]
            let results = decision.answers.map { answer -> EventLog.AppendResult in
                if let answer { return .alreadyStored(answer) }
                return .appended(appended.removeFirst())
            }
            group[decision.request].continuation.resume(returning: results)
        }
    }

    /// The responses committed before a group, from memory.
    private var known: StoreAdmission.Known {
        let live = self.live
        return StoreAdmission.Known(
            current: { id in try await live.stored(id) },
            recorded: { id in try await live.recorded(id) })
    }

    /// A failed transaction as the use cases answer it: nothing was written.
    static func unavailable(_ error: any Error) -> any Error {
        if let error = error as? UseCaseError { return error }
        let reason = (error as? PostgresStoreError)?.message ?? "\(error)"
        return UseCaseError.unavailable(
            "The PostgreSQL store cannot serve this now; nothing was acknowledged: \(reason)")
    }
}
