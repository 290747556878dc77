public import Foundation
public import Logging
import SporInstruments
import SporLog
import SporPostgres
import SporReports
import SporSnapshot

extension DataFolder {
    /// Whether `text` names a PostgreSQL store (`postgresql://…`) rather than a data folder.
    public static func isStore(_ text: String) -> Bool { PostgresStoreURL.isStoreURL(text) }

    /// The PostgreSQL store a command works on: `--store` when given, else `$SPOR_STORE` unless `--data` is given;
    /// `nil` for a data folder.
    public static func store(
        given: String?, data: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let given { return given }
        guard data == nil, let variable = environment["SPOR_STORE"], !variable.isEmpty else { return nil }
        return variable
    }

    /// Opens a PostgreSQL store in place of a data folder (docs/postgresql.md): the log, the tokens and the access
    /// audit trail are its tables, and no local folder is used or locked, so several daemons and commands work on
    /// one database at once. Reading, writing and serving load every response (from the table, or from a snapshot
    /// in `cache` and the rows after it); a daemon
    /// (``Mode/serving``) and a writing command follow the table from then on, so they see every other process's
    /// writes.
    ///
    /// - Parameters:
    ///   - keyFile: a file holding the pseudonymisation key; else `SPOR_PSEUDONYM_KEY`. The key never comes from
    ///     the database, only its fingerprint, which must match. Without a key everything works except CPR input.
    ///   - cache: a local folder for a snapshot of the responses: read at opening when it fits the table (its last
    ///     record's hash is checked), then only the rows after it. A daemon (``Mode/serving``) writes it in the
    ///     background once `settings.snapshotAfterRecords` rows were applied since the last one, and at
    ///     ``close()``; a command writes it at ``close()`` when `settings.snapshotAfterRecords` rows or more were
    ///     read or written after it (the CLI passes `LogSettings.commandSnapshotAfterRecords`, as a command on a data
    ///     folder refreshes the folder's snapshot). Several processes
    ///     may share one cache folder: each snapshot replaces the file whole.
    /// - Throws: ``UseCaseError`` `unavailable` when PostgreSQL cannot be reached or refuses; `LogError`
    ///   `invalidKey` for a key that is malformed or not the store's.
    public static func open(
        store text: String, mode: Mode, keyFile: URL? = nil, cache: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger,
        log settings: LogSettings = LogSettings()
    ) async throws -> DataFolder {
        let session: PostgresStoreSession
        do {
            session = try await PostgresStoreSession.open(
                try PostgresStoreURL(text), preparing: mode != .reading, logger: logger)
        } catch let error as PostgresStoreError {
            throw UseCaseError.unavailable(error.message)
        }
        let tokens = StoreTokens(log: session.log)
        do {
            let pseudonymiser = try await pseudonymiser(
                keyFile: keyFile, environment: environment, log: session.log, recording: mode != .reading)
            if mode == .serving { try await tokens.start() }
            guard mode != .administering else {
                let backing = StoreBacking(
                    session: session, follower: nil, tokens: tokens, pseudonymiser: pseudonymiser)
                return DataFolder(store: backing, mode: mode, live: nil, load: nil, settings: settings)
            }
            // A bad checkpoint signing key is refused before the table is read (minutes at millions of rows).
            let checkpoints =
                mode == .serving
                ? try StoreCheckpoints.fromEnvironment(
                    environment, log: session.log, keyFingerprint: pseudonymiser?.fingerprint,
                    interval: settings.storeCheckpointInterval, logger: logger) : nil
            let started = ContinuousClock.now
            var snapshot = try await StoreSnapshot.read(cache, log: session.log)
            let snapshotMark = snapshot?.mark
            // The snapshot's dataset is moved out, so applying the rows after it copies no column.
            var (dataset, start) =
                try snapshot.take().map { ($0.dataset, $0.position) }
                ?? (ResponseDataset(catalog: .builtIn), RecordChainCheck())
            let check = try await loadRows(session.log, after: start, into: &dataset)
            let replayed = check.nextSequence - (snapshotMark?.records ?? 0)
            logger.info(
                "loaded the responses",
                metadata: [
                    "from": "\(snapshotMark == nil ? "postgresql" : "snapshot")", "replayed": "\(replayed)",
                    "in": "\(ContinuousClock.now - started)",
                ])
            // A daemon writes the snapshot in the background once enough rows were applied since the last one (a
            // start that read many rows counts), and at close; a command at close, when it read many rows.
            let live = LiveDataset(
                dataset: dataset, records: check.nextSequence, headHash: check.headHash, snapshotMark: snapshotMark,
                snapshotAfterRecords: settings.snapshotAfterRecords,
                place: cache.map { .cache($0) } ?? .nowhere,
                writable: mode == .serving, logger: logger)
            if mode == .serving {
                // A staff member's list of several units is kept from its first request on.
                live.keepAttentionListInBackground()
                live.snapshotIfDue()
            }
            var follower: StoreLogFollower?
            if mode != .reading {
                follower = StoreLogFollower(log: session.log, live: live, after: check, logger: logger)
            }
            if let follower { checkpoints?.start { await follower.position } }
            let backing = StoreBacking(
                session: session, follower: follower, tokens: tokens, pseudonymiser: pseudonymiser,
                checkpoints: checkpoints)
            if mode == .serving { await follower?.start() }
            return DataFolder(
                store: backing, mode: mode, live: live,
                load: Load(fromSnapshot: snapshotMark != nil, recordsReplayed: replayed), settings: settings)
        } catch {
            tokens.stop()
            session.close()
            if let error = error as? PostgresStoreError { throw UseCaseError.unavailable(error.message) }
            throw error
        }
    }

    /// Applies every row of the table after `start` to `dataset`, read in pages, the chain checked as it goes;
    /// returns the position after the last row.
    private static func loadRows(
        _ log: PostgresLog, after start: RecordChainCheck, into dataset: inout ResponseDataset
    ) async throws -> RecordChainCheck {
        try await StoreLogPages.read(log, after: start, size: 50_000) { _, entries, _ in
            for entry in entries { try dataset.apply(entry) }
        }
    }

    /// The pseudonymisation key from `keyFile` or `SPOR_PSEUDONYM_KEY`, held to the fingerprint the store records
    /// (recorded now when the store has none and `recording`); `nil` without a key.
    private static func pseudonymiser(
        keyFile: URL?, environment: [String: String], log: PostgresLog, recording: Bool
    ) async throws -> Pseudonymiser? {
        let pseudonymiser: Pseudonymiser
        let source: String
        if let keyFile {
            pseudonymiser = try Pseudonymiser(keyFile: keyFile.path)
            source = "the key file \(keyFile.path)"
        } else if let variable = environment[Pseudonymiser.environmentVariable] {
            pseudonymiser = try Pseudonymiser(keyText: variable, source: Pseudonymiser.environmentVariable)
            source = Pseudonymiser.environmentVariable
        } else {
            return nil
        }
        let recorded =
            recording
            ? try await log.recordKeyFingerprint(pseudonymiser.fingerprint)
            : try await log.keyFingerprint() ?? pseudonymiser.fingerprint
        guard recorded == pseudonymiser.fingerprint else {
            throw LogError(
                .invalidKey,
                "the pseudonymisation key from \(source) is not the store's (its fingerprint is \(pseudonymiser.fingerprint), the store's \(recorded))"
            )
        }
        return pseudonymiser
    }
}
