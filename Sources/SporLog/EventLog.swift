public import CoreMetrics
public import Crypto
public import Foundation
public import Logging
public import SporInstruments

/// The append-only, hash-chained event log of one data folder: the only source of truth.
///
/// ```swift
/// let log = try EventLog.open(folder: dataFolder, logger: logger) { entry in trajectories.apply(entry) }
/// let result = try await log.append([.responseRecorded(response, definitionVersion: "1.0.0")], author: author)
/// ```
///
/// `append` returns once the events are on disk (fsync). Appends that arrive while a write is in flight go out
/// together in the next write (group commit). One `append` call is one batch: it is checked as a whole before
/// anything is written, and after a crash either all of its records are replayed or none.
///
/// The head is checkpointed (``LogCheckpoint``) when the log is opened or closed and at least every
/// ``Configuration/checkpointInterval`` while it is written; opening holds the log to the newest checkpoint and
/// to the pseudonymisation key the log was written with (`Pseudonymiser+Binding.swift`).
public actor EventLog {
    /// Settings of the log.
    public struct Configuration: Sendable {
        /// Bytes after which a new segment is started.
        public var segmentSize: Int
        /// Milliseconds since 1970, stamped on each record and checkpoint.
        public var clock: @Sendable () -> Int64
        /// The checkpoint file; `nil` for `SPOR_CHECKPOINT`, else `log.checkpoint` in the data folder.
        public var checkpointFile: URL?
        /// The key checkpoints are signed with; `nil` for the key in the file `SPOR_CHECKPOINT_SIGNING_KEY` names,
        /// if set. Keep it outside the data folder.
        public var checkpointSigningKey: Curve25519.Signing.PrivateKey?
        /// Milliseconds between checkpoints while the log is written.
        public var checkpointInterval: Int64
        /// Where `SPOR_PSEUDONYM_KEY`, `SPOR_CHECKPOINT` and `SPOR_CHECKPOINT_SIGNING_KEY` are read from.
        public var environment: [String: String]
        /// Where the log's figures go (docs/server.md): durable-write latency, group-commit sizes, fsync time,
        /// records and bytes. The process-wide swift-metrics factory unless another is given.
        public var metrics: any MetricsFactory

        public init(
            segmentSize: Int = 64 << 20,
            clock: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) },
            checkpointFile: URL? = nil,
            checkpointSigningKey: Curve25519.Signing.PrivateKey? = nil,
            checkpointInterval: Int64 = 60_000,
            environment: [String: String] = ProcessInfo.processInfo.environment,
            metrics: any MetricsFactory = MetricsSystem.factory
        ) {
            self.segmentSize = segmentSize
            self.clock = clock
            self.checkpointFile = checkpointFile
            self.checkpointSigningKey = checkpointSigningKey
            self.checkpointInterval = checkpointInterval
            self.environment = environment
            self.metrics = metrics
        }
    }

    /// What opening found.
    public struct OpenSummary: Hashable, Sendable {
        /// Records replayed.
        public var records: UInt64
        /// The SHA-256 of the last record, hex; 64 zeros for an empty log.
        public var headHash: String
        /// Bytes of a torn record or unfinished batch cut off the end (0 after a clean shutdown).
        public var truncatedBytes: Int
        /// The checkpoint file the log was held to, and is checkpointed in.
        public var checkpointFile: URL
    }

    /// The answer to one event of an ``append(_:)``.
    public enum AppendResult: Hashable, Sendable {
        /// Written, at this place in the log.
        case appended(LogEntry)
        /// The same response was stored before; nothing written.
        case alreadyStored(Response)
    }

    /// Counters for tests and benchmarks.
    public struct Statistics: Hashable, Sendable {
        /// Records in the log.
        public var records: UInt64
        /// Responses known (recorded, including retracted ones).
        public var responses: Int
        /// Write-and-sync rounds since opening: one per group commit.
        public var flushes: Int
        /// Bytes held by the id index.
        public var indexBytes: Int
    }

    /// Where the next record goes.
    struct Tail {
        var segment: UInt32
        var offset: Int
        var sequence: UInt64
        /// The hash of the last record, `nil` for an empty log.
        var headHash: SHA256Digest?

        var location: UInt64 { ResponseIndex.pack(segment: segment, offset: offset) }
    }

    /// Records waiting to be written: those of one `append`, or a part of a ``record(_:)``.
    struct PendingBatch {
        var chunks: [SegmentWriter.Chunk]
        /// Whether the flush that writes them must also make them durable.
        var sync: Bool
        /// The packed location after them: with `sync`, everything before it is durable once they are written.
        var end: UInt64 = 0
        /// The records and head hash up to `end`.
        var records: UInt64 = 0
        var headHash: SHA256Digest?
        /// Resumed once they are written (and durable, with `sync`); `nil` for parts of a `record` that are not
        /// waited for one by one.
        var continuation: CheckedContinuation<Void, any Error>?
    }

    public nonisolated let folder: URL
    /// What opening found.
    public nonisolated let opened: OpenSummary

    let configuration: Configuration
    private let logger: Logger
    private let lock: FolderLock
    private let writer: SegmentWriter
    let scanner: LogScanner
    /// Runs the writes and the checkpoints, one at a time.
    private let flushQueue = DispatchQueue(label: "spor.log.flush")
    private let checkpointSigningKey: Curve25519.Signing.PrivateKey?
    private let keyFingerprint: String
    /// The newest checkpoint written, or read at open.
    private var checkpoint: LogCheckpoint
    /// The head of what is durable, for the next checkpoint.
    private var durableHead: LogCheckpoint
    var index: ResponseIndex
    /// Locations of the latest correction, for the few responses that have one.
    private var latestVersion: [UUID: UInt64]
    /// Chunks handed to the writer and not yet written, in log order.
    var inFlight: [SegmentWriter.Chunk] = []
    /// Bytes in `inFlight`.
    var inFlightBytes = 0
    /// Every record before this packed location is durable.
    var durableEnd: UInt64
    var tail: Tail
    var machine = GroupCommitStateMachine<PendingBatch>()
    /// Write-and-sync rounds completed.
    private var flushes = 0
    /// Records written by completed rounds (with those found at open).
    private var writtenRecords: UInt64
    /// Bytes of the segment files.
    private var writtenBytes: Int
    private let metrics: LogMetrics
    /// Segments open for reading stored records, by number.
    private var readers: [UInt32: Int32] = [:]
    /// `close` calls waiting for the write in flight.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Set while a ``record(_:)`` call writes; appends, other `record` calls and `close` wait for it.
    var isRecording = false
    /// Calls waiting for a `record` call to finish.
    var recordingWaiters: [CheckedContinuation<Void, Never>] = []
    /// A `record` call waiting for chunks in flight to be written before it encodes more.
    var drainWaiters: [CheckedContinuation<Void, any Error>] = []
    /// Appends answered `alreadyStored` for a record still in flight, each waiting for that record's location
    /// to become durable.
    var durabilityWaiters: [(location: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []

    private init(
        folder: URL, opened: OpenSummary, configuration: Configuration, logger: Logger, lock: FolderLock,
        writer: SegmentWriter, index: ResponseIndex, latestVersion: [UUID: UInt64], tail: Tail,
        checkpoint: LogCheckpoint, checkpointSigningKey: Curve25519.Signing.PrivateKey?, keyFingerprint: String,
        bytes: Int
    ) {
        self.checkpoint = checkpoint
        self.durableHead = checkpoint
        self.checkpointSigningKey = checkpointSigningKey
        self.keyFingerprint = keyFingerprint
        self.folder = folder
        self.opened = opened
        self.configuration = configuration
        self.logger = logger
        self.lock = lock
        self.writer = writer
        self.scanner = LogScanner(folder: folder)
        self.index = index
        self.latestVersion = latestVersion
        self.tail = tail
        self.durableEnd = tail.location
        self.writtenRecords = tail.sequence
        self.writtenBytes = bytes
        self.metrics = LogMetrics(factory: configuration.metrics)
        metrics.records.record(Int64(tail.sequence))
        metrics.bytes.record(Int64(bytes))
    }

    deinit {
        for descriptor in readers.values { Foundation.close(descriptor) }
    }

    /// Opens the log in `folder` (created if missing), taking the folder's lock and replaying every record.
    ///
    /// The log is held to its newest checkpoint: the segments must reach the checkpoint's head and its head record
    /// must be unchanged. A torn end (an unfinished write with no valid record after it) is cut off only when it
    /// lies past the checkpoint's head, and a segment a crash left empty while starting it is removed. The
    /// pseudonymisation key is loaded and checked against the log's (a new one is made only for an empty log).
    /// When the newest checkpoint is behind the head found, a new one is written.
    ///
    /// - Parameters:
    ///   - replay: called with every entry in order, so a caller can build its own state. Without it, records are
    ///     not decoded beyond what the log's own index needs.
    /// - Throws: ``LogError`` `locked` when another process holds the folder; `corrupt` with the segment and offset
    ///   when a record other than a torn one past the checkpoint's head is damaged, missing or changed; `invalidKey`
    ///   when the pseudonymisation key is missing, unreadable or another one; `checkpoint` when the checkpoint is
    ///   malformed or not signed by the configured key; or whatever `replay` throws.
    public static func open(
        folder: URL, configuration: Configuration = Configuration(), logger: Logger,
        replay: ((LogEntry) throws -> Void)? = nil
    ) throws -> EventLog {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LogError(.io, "cannot create the data folder \(folder.path)")
        }
        let lock = try FolderLock(folder: folder)
        let environment = configuration.environment
        let checkpointFile = LogCheckpoint.location(
            folder: folder, file: configuration.checkpointFile, environment: environment)
        let signingKey =
            try configuration.checkpointSigningKey
            ?? environment[LogCheckpoint.signingKeyVariable].map {
                try LogCheckpoint.signingKey(file: URL(fileURLWithPath: $0))
            }
        LogCheckpoint.removeTemporaryFiles(of: checkpointFile)
        let checkpoint = try LogCheckpoint.read(checkpointFile)
        if let checkpoint, let signingKey {
            guard checkpoint.signature != nil else {
                throw LogError(
                    .checkpoint,
                    "the checkpoint \(checkpointFile.path) is not signed, but a signing key is configured; if signing was just turned on, check the log with `spor verify` and then remove the old checkpoint"
                )
            }
            try checkpoint.checkSignature(signingKey.publicKey, file: checkpointFile)
        }
        let pseudonymiser = try Pseudonymiser.load(
            folder: folder, environment: environment, checkpointFingerprint: checkpoint?.keyFingerprint)
        let heads = HeadCheck(checkpoint: checkpoint, file: checkpointFile)
        let scanner = LogScanner(folder: folder)
        // Size the index for the records the segments hold (a record takes 110-140 bytes; erring low costs at
        // most one rehash, erring high a table twice the size).
        var index = ResponseIndex(minimumCapacity: try scanner.totalBytes() / 128)
        var latestVersion: [UUID: UInt64] = [:]
        var queue = IndexInsertQueue()
        // The chain up to the checkpoint's head is `spor verify`'s to walk; the head and what follows are checked.
        let scanned = Result {
            try scanner.scan(decodeEntries: replay != nil, hashFrom: heads.firstSequence ?? 0) { record in
                try heads.check(record)
                let location = ResponseIndex.pack(segment: record.segment, offset: record.offset)
                let id = record.responseID
                if record.type == 1 {
                    try queue.add(
                        id, location: location, segment: record.segment, offset: record.offset, into: &index)
                } else {
                    try queue.flush(into: &index)
                    guard let known = index.value(for: id), known & ResponseIndex.retractedBit == 0 else {
                        throw LogError.corrupt(
                            "a correction or retraction refers to a response that is unknown or retracted",
                            segment: record.segment, offset: record.offset)
                    }
                    if record.type == 2 {
                        latestVersion[id] = location
                    } else {
                        index.markRetracted(id)
                    }
                }
                if let replay, let entry = record.entry { try replay(entry) }
            }
        }
        // The queued ids come before anything a failing scan found: a repeated one among them is the first break.
        try queue.flush(into: &index)
        let outcome = try scanned.get()
        // After the scan, so damage inside the log is named where it is; then a cut end, by its segment.
        try heads.checkLengths(scanner)
        try heads.checkCovered(outcome)
        var end = outcome.end
        if let cut = end, outcome.tornBytes > 0 || outcome.segments.last != cut.segment {
            if outcome.tornBytes > 0 {
                logger.warning(
                    "cut a torn record or unfinished batch off the end of the log",
                    metadata: ["bytes": "\(outcome.tornBytes)", "records": "\(outcome.records)"])
            } else {
                logger.warning("removed a segment left empty by a crash while it was being started")
            }
            try SegmentWriter.truncate(folder: folder, to: cut, segments: outcome.segments)
        }
        if end == nil {
            for segment in outcome.segments {
                let path = folder.appendingPathComponent(SegmentName.fileName(segment)).path
                guard unlink(path) == 0 else { throw LogError.io("remove", path) }
            }
            try SegmentWriter.createSegment(1, in: folder)
            end = LogScanner.Position(segment: 1, offset: SegmentName.magic.count)
        }
        let tail = Tail(
            segment: end!.segment, offset: end!.offset, sequence: outcome.records, headHash: outcome.headHash)
        var current = LogCheckpoint(
            head: outcome.headHash.map { LogHead(sequence: outcome.records - 1, hash: hex($0)) },
            endSegment: tail.segment,
            endOffset: tail.offset, keyFingerprint: pseudonymiser.fingerprint, writtenAtMillis: configuration.clock())
        if let checkpoint, checkpoint.head == current.head, checkpoint.keyFingerprint == current.keyFingerprint {
            current = checkpoint
        } else {
            // Records read now may not be durable yet (written before a crash, never synced).
            try SegmentWriter.syncSegment(tail.segment, in: folder)
            if let signingKey { try current.sign(with: signingKey) }
            try current.write(to: checkpointFile)
        }
        let summary = OpenSummary(
            records: outcome.records, headHash: hex(outcome.headHash), truncatedBytes: outcome.tornBytes,
            checkpointFile: checkpointFile)
        logger.debug("opened the log", metadata: ["records": "\(outcome.records)", "responses": "\(index.count)"])
        return EventLog(
            folder: folder, opened: summary, configuration: configuration, logger: logger, lock: lock,
            writer: try SegmentWriter(folder: folder, segment: end!.segment), index: index,
            latestVersion: latestVersion, tail: tail, checkpoint: current, checkpointSigningKey: signingKey,
            keyFingerprint: pseudonymiser.fingerprint, bytes: try scanner.totalBytes())
    }

    /// Appends events as one batch, all written by `author`, and returns once they are durable.
    ///
    /// One call is one batch and has one author (one request, one command). A recorded response whose id is stored with the same content is answered with `alreadyStored` and not
    /// written again; when that earlier record is still being written (another append in flight), the answer
    /// comes only once it is durable. Nothing is written when any event is refused.
    /// - Throws: ``LogError``: `conflict` (an id stored with other content), `unknownResponse` or `retracted`
    ///   (a correction or retraction of a response that is not live), `invalidEvent` (also for an
    ///   ``Author/unknown`` author), `failed`, `closed`.
    public func append(_ events: [LogEvent], author: Author) async throws -> [AppendResult] {
        let start = ContinuousClock.now
        await waitWhileRecording()
        try checkWritable()
        try Self.checkAuthor(author)
        let (admitted, toWrite, inFlightDuplicate) = try admit(events)
        var results = admitted
        if toWrite.isEmpty {
            // Records written by this call would follow the earlier ones in the same or a later flush; without
            // any, wait for the flush that carries the earlier record.
            if let location = inFlightDuplicate {
                try await withCheckedThrowingContinuation { durabilityWaiters.append((location, $0)) }
            }
            return results.map { $0! }
        }

        let now = configuration.clock()
        var chunks: [SegmentWriter.Chunk] = []
        for (number, (position, event)) in toWrite.enumerated() {
            let entry = LogEntry(sequence: tail.sequence, recordedAtMillis: now, event: event, author: author)
            let body = RecordCodec.encodeBody(
                entry, previousHash: tail.headHash.map { Array($0) } ?? RecordCodec.zeroHash,
                continuesBatch: number < toWrite.count - 1)
            let frame = RecordCodec.frame(body)
            startChunkIfNeeded(&chunks, frameSize: frame.count)
            chunks[chunks.count - 1].bytes.append(contentsOf: frame)
            let location = tail.location
            tail.offset += frame.count
            tail.sequence += 1
            tail.headHash = body.withUnsafeBytes { SHA256.hash(data: $0) }
            switch event {
            case .responseRecorded(let response, _): index.insert(response.id, value: location)
            case .responseCorrected(let response, _, _): latestVersion[response.id] = location
            case .responseRetracted(let id, _): index.markRetracted(id)
            }
            results[position] = .appended(entry)
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enqueue(PendingBatch(chunks: chunks, sync: true, continuation: continuation))
        }
        metrics.appendDuration.record(ContinuousClock.now - start)
        return results.map { $0! }
    }

    /// Adds a chunk to `chunks` when the next frame starts a new segment or follows another segment's chunk.
    func startChunkIfNeeded(_ chunks: inout [SegmentWriter.Chunk], frameSize: Int) {
        var starts = false
        if tail.offset + frameSize > configuration.segmentSize, tail.offset > SegmentName.magic.count {
            tail.segment += 1
            tail.offset = SegmentName.magic.count
            starts = true
        }
        if starts || chunks.last?.segment != tail.segment {
            chunks.append(
                SegmentWriter.Chunk(segment: tail.segment, offset: tail.offset, startsSegment: starts, bytes: []))
        }
    }

    func enqueue(_ batch: PendingBatch) {
        var batch = batch
        batch.end = tail.location
        batch.records = tail.sequence
        batch.headHash = tail.headHash
        for chunk in batch.chunks {
            inFlight.append(chunk)
            inFlightBytes += chunk.bytes.count
        }
        run(machine.enqueue(batch))
    }

    /// Checks events as ``append(_:)`` would, without writing anything.
    /// - Throws: the ``LogError`` that `append` would throw.
    public func check(_ events: [LogEvent]) throws {
        _ = try admit(events)
    }

    /// Decides each event of a batch: already stored (answered), to write, or a refusal of the whole batch.
    /// Also returns the latest location of an already stored record that is not yet durable, if any.
    private func admit(_ events: [LogEvent]) throws -> ([AppendResult?], [(Int, LogEvent)], UInt64?) {
        var results = [AppendResult?](repeating: nil, count: events.count)
        var toWrite: [(Int, LogEvent)] = []
        var inFlightDuplicate: UInt64?
        var batchRecorded: [UUID: Response] = [:]
        batchRecorded.reserveCapacity(events.count)
        var batchRetracted: Set<UUID> = []
        for (position, event) in events.enumerated() {
            switch event {
            case .responseRecorded(let response, let version):
                try Self.checkEncodable(response, version: version)
                let existing: Response?
                if let earlier = batchRecorded[response.id] {
                    existing = earlier
                } else if let value = index.value(for: response.id),
                    case .responseRecorded(let stored, _) = try storedEntry(at: value).event
                {
                    existing = stored
                    let location = value & ~ResponseIndex.retractedBit
                    if location >= durableEnd { inFlightDuplicate = max(inFlightDuplicate ?? 0, location) }
                } else {
                    existing = nil
                }
                if let existing {
                    guard existing == response else {
                        throw LogError(
                            .conflict,
                            "response \(response.id.uuidString.lowercased()) is already stored with other content",
                            responseID: response.id)
                    }
                    results[position] = .alreadyStored(existing)
                    continue
                }
                batchRecorded[response.id] = response
            case .responseCorrected(let response, let version, let reason):
                try Self.checkEncodable(response, version: version)
                try Self.checkReason(reason)
                try requireLive(response.id, batchRecorded: batchRecorded, batchRetracted: batchRetracted)
                if let current = try storedResponse(response.id, batchRecorded: batchRecorded),
                    current.citizen != response.citizen || current.instrument != response.instrument
                {
                    throw LogError(
                        .invalidEvent, "a correction must keep the response's citizen and instrument",
                        responseID: response.id)
                }
            case .responseRetracted(let id, let reason):
                try Self.checkReason(reason)
                try requireLive(id, batchRecorded: batchRecorded, batchRetracted: batchRetracted)
                batchRetracted.insert(id)
            }
            toWrite.append((position, event))
        }
        return (results, toWrite, inFlightDuplicate)
    }

    /// The current version of a response, or `nil` when the log does not hold its id.
    public func response(id: UUID) throws -> StoredResponse? {
        guard let value = index.value(for: id) else { return nil }
        let recorded = try storedEntry(at: value)
        let latest = try latestVersion[id].map(storedEntry(at:)) ?? recorded
        switch latest.event {
        case .responseRecorded(let response, let version), .responseCorrected(let response, let version, _):
            return StoredResponse(
                response: response, definitionVersion: version, isRetracted: value & ResponseIndex.retractedBit != 0,
                recordedSequence: recorded.sequence)
        case .responseRetracted:
            throw LogError(.corrupt, "the index points at a retraction")
        }
    }

    /// Counters since opening.
    public var statistics: Statistics {
        Statistics(records: tail.sequence, responses: index.count, flushes: flushes, indexBytes: index.residentBytes)
    }

    /// Waits for the write in flight, stops accepting appends, checkpoints the head and releases the data folder's
    /// lock.
    public func close() async {
        await waitWhileRecording()
        while !machine.close() {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
        writeCheckpointIfBehind(force: true)
        let queue = flushQueue
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
        for descriptor in readers.values { Foundation.close(descriptor) }
        readers = [:]
        lock.release()
    }

    private func run(_ action: GroupCommitStateMachine<PendingBatch>.Action) {
        switch action {
        case .wait:
            return
        case .refuse:
            preconditionFailure("append checks the state before enqueueing")
        case .flush(let batches):
            let chunks = batches.flatMap(\.chunks)
            let sync = batches.contains(where: \.sync)
            let writer = self.writer
            let queue = flushQueue
            Task {
                let result: Result<Duration, any Error> = await withCheckedContinuation { continuation in
                    queue.async { continuation.resume(returning: Result { try writer.write(chunks, sync: sync) }) }
                }
                self.finish(batches, sync: sync, result)
            }
        }
    }

    private func finish(_ batches: [PendingBatch], sync: Bool, _ result: Result<Duration, any Error>) {
        switch result {
        case .success(let syncing):
            flushes += 1
            let written = batches.reduce(0) { $0 + $1.chunks.count }
            recordFigures(batches, syncing: syncing)
            if sync, let last = batches.last {
                durableEnd = last.end
                durableHead = LogCheckpoint(
                    head: last.headHash.map { LogHead(sequence: last.records - 1, hash: Self.hex($0)) },
                    endSegment: UInt32(last.end >> 40), endOffset: Int(last.end & 0xFF_FFFF_FFFF),
                    keyFingerprint: keyFingerprint, writtenAtMillis: 0)
                writeCheckpointIfBehind(force: false)
            }
            for chunk in inFlight.prefix(written) { inFlightBytes -= chunk.bytes.count }
            inFlight.removeFirst(written)
            for batch in batches { batch.continuation?.resume() }
            durabilityWaiters.removeAll { waiter in
                guard waiter.location < durableEnd else { return false }
                waiter.continuation.resume()
                return true
            }
            let drained = drainWaiters
            drainWaiters = []
            for waiter in drained { waiter.resume() }
            run(machine.flushSucceeded())
            if case .idle = machine.state { resumeIdleWaiters() }
        case .failure(let error):
            let waiting = machine.flushFailed()
            logger.error(
                "writing the log failed; no more appends until it is opened again", metadata: ["error": "\(error)"])
            let failure = LogError(.failed, "writing the log failed (\(error)); open the data folder again")
            for batch in batches + waiting { batch.continuation?.resume(throwing: failure) }
            for waiter in durabilityWaiters { waiter.continuation.resume(throwing: failure) }
            durabilityWaiters = []
            for waiter in drainWaiters { waiter.resume(throwing: failure) }
            drainWaiters = []
            resumeIdleWaiters()
        }
    }

    /// Records the figures of one completed write-and-sync round.
    private func recordFigures(_ batches: [PendingBatch], syncing: Duration) {
        guard let last = batches.last else { return }
        let chunks = batches.flatMap(\.chunks)
        writtenBytes += chunks.reduce(0) { $0 + $1.bytes.count + ($1.startsSegment ? SegmentName.magic.count : 0) }
        metrics.groupCommitBatches.record(batches.count)
        metrics.groupCommitRecords.record(Int64(last.records - writtenRecords))
        writtenRecords = last.records
        metrics.records.record(Int64(writtenRecords))
        metrics.bytes.record(Int64(writtenBytes))
        metrics.fsyncDuration.record(syncing)
    }

    /// Writes a checkpoint of the durable head when the newest one is behind it and, unless `force`, at least
    /// ``Configuration/checkpointInterval`` old. The file is written on the flush queue, after the write in flight.
    private func writeCheckpointIfBehind(force: Bool) {
        let now = configuration.clock()
        guard durableHead.head != checkpoint.head,
            force || now - checkpoint.writtenAtMillis >= configuration.checkpointInterval
        else { return }
        var next = durableHead
        next.writtenAtMillis = now
        checkpoint = next
        let (pending, file, key, logger) = (next, opened.checkpointFile, checkpointSigningKey, logger)
        flushQueue.async {
            do {
                var signed = pending
                if let key { try signed.sign(with: key) }
                try signed.write(to: file)
            } catch {
                logger.error("writing the log's checkpoint failed", metadata: ["error": "\(error)"])
            }
        }
    }

    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func storedEntry(at value: UInt64) throws -> LogEntry {
        let location = value & ~ResponseIndex.retractedBit
        let segment = UInt32(location >> 40)
        let offset = Int(location & 0xFF_FFFF_FFFF)
        if let chunk = inFlight.first(where: {
            $0.segment == segment && $0.offset <= offset && offset < $0.offset + $0.bytes.count
        }) {
            let start = offset - chunk.offset
            let length = chunk.bytes.withUnsafeBytes {
                Int($0.loadUnaligned(fromByteOffset: start, as: UInt32.self).littleEndian)
            }
            let bodyStart = start + RecordCodec.frameHeaderSize
            do {
                return try RecordCodec.decode(chunk.bytes, body: bodyStart..<bodyStart + length).0
            } catch {
                throw LogError.corrupt(error.reason, segment: segment, offset: offset)
            }
        }
        if readers[segment] == nil { readers[segment] = try scanner.openForReading(segment: segment) }
        return try scanner.record(segment: segment, offset: offset, descriptor: readers[segment]!)
    }

    private func storedResponse(_ id: UUID, batchRecorded: [UUID: Response]) throws -> Response? {
        if let response = batchRecorded[id] { return response }
        return try response(id: id)?.response
    }

    private func requireLive(_ id: UUID, batchRecorded: [UUID: Response], batchRetracted: Set<UUID>) throws {
        let text = id.uuidString.lowercased()
        if batchRetracted.contains(id) {
            throw LogError(.retracted, "response \(text) is retracted", responseID: id)
        }
        if batchRecorded[id] != nil { return }
        guard let value = index.value(for: id) else {
            throw LogError(.unknownResponse, "no response with id \(text) is stored", responseID: id)
        }
        guard value & ResponseIndex.retractedBit == 0 else {
            throw LogError(.retracted, "response \(text) is retracted", responseID: id)
        }
    }

    /// Refuses ``Author/unknown``: every new event names its author.
    static func checkAuthor(_ author: Author) throws(LogError) {
        if author == .unknown { throw LogError(.invalidEvent, "a new event must name its author") }
    }

    private static func checkReason(_ reason: String) throws {
        if let error = ReasonRule.check(reason) { throw LogError(.invalidEvent, error.message) }
    }

    static func checkEncodable(_ response: Response, version: String) throws(LogError) {
        guard response.instrument.rawValue.utf8.count <= 255, version.utf8.count <= 255, response.answers.count <= 254,
            response.answers.allSatisfy({ ($0 ?? 0) >= 0 && ($0 ?? 0) < 255 })
        else {
            throw LogError(
                .invalidEvent,
                "response \(response.id.uuidString.lowercased()) cannot be stored: a field is out of range",
                responseID: response.id)
        }
    }

    static func hex(_ digest: SHA256Digest?) -> String {
        hex(digest.map { Array($0) } ?? RecordCodec.zeroHash)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 15)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
