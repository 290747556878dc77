import Crypto
import Foundation
import Logging
import SporLog
import SporPostgres
import Synchronization

/// The signed heads a daemon on a PostgreSQL store writes to `spor_checkpoints` when it has a checkpoint signing
/// key (`SPOR_CHECKPOINT_SIGNING_KEY`, docs/postgresql.md): the text of a data folder's checkpoint, the head being
/// the last row the daemon checked and took into memory. One is written at close and, while rows arrive, once a
/// minute. `spor verify --store --checkpoint-public-key` holds the table to the newest: a superuser who disables
/// the triggers and deletes rows at the end cannot sign a new one without the key.
final class StoreCheckpoints: Sendable {
    /// How often a running daemon writes one, when rows arrived since the last.
    private let interval: Duration
    private let log: PostgresLog
    private let key: Curve25519.Signing.PrivateKey
    private let keyFingerprint: String?
    private let logger: Logger
    /// The records the newest checkpoint written covers.
    private let written = Mutex<UInt64?>(nil)
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(
        log: PostgresLog, key: Curve25519.Signing.PrivateKey, keyFingerprint: String?, interval: Duration,
        logger: Logger
    ) {
        self.log = log
        self.interval = interval
        self.key = key
        self.keyFingerprint = keyFingerprint
        self.logger = logger
    }

    /// The checkpoints of a daemon with the signing key `SPOR_CHECKPOINT_SIGNING_KEY` names; `nil` without one.
    /// - Throws: ``LogError`` `checkpoint` when the key file cannot be read or is malformed.
    static func fromEnvironment(
        _ environment: [String: String], log: PostgresLog, keyFingerprint: String?, interval: Duration,
        logger: Logger
    ) throws -> StoreCheckpoints? {
        guard let path = environment[LogCheckpoint.signingKeyVariable], !path.isEmpty else { return nil }
        let key = try LogCheckpoint.signingKey(file: URL(fileURLWithPath: path))
        return StoreCheckpoints(
            log: log, key: key, keyFingerprint: keyFingerprint, interval: interval, logger: logger)
    }

    /// Writes one every `interval` while `position` (after the last row checked) moves, until ``stop()``.
    func start(position: @escaping @Sendable () async -> RecordChainCheck) {
        let interval = interval
        task.withLock { task in
            task = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard !Task.isCancelled else { return }
                    await self.write(at: await position())
                }
            }
        }
    }

    func stop() {
        task.withLock { task in
            task?.cancel()
            task = nil
        }
    }

    /// Signs and appends the head before `position`, unless the newest one written covers it (best effort: a
    /// failure is logged and the next one covers more).
    func write(at position: RecordChainCheck) async {
        guard position.nextSequence > 0, written.withLock({ $0 }) != position.nextSequence else { return }
        var checkpoint = LogCheckpoint(
            head: LogHead(sequence: position.nextSequence - 1, hash: position.headHashHex), endSegment: 0,
            endOffset: 0, keyFingerprint: keyFingerprint,
            writtenAtMillis: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        do {
            try checkpoint.sign(with: key)
            let (log, text) = (self.log, checkpoint.fileText)
            try await StoreDeadline.run { try await log.appendCheckpoint(text) }
            written.withLock { $0 = position.nextSequence }
        } catch {
            logger.warning("no checkpoint written", metadata: ["error": "\(error)"])
        }
    }
}
