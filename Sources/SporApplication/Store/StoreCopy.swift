public import Foundation
public import Logging
import SporInstruments
import SporLog
import SporPostgres

/// Moving a log between a data folder and a PostgreSQL store, and walking the chain in the store
/// (docs/postgresql.md). Every record is copied as it is stored, so the chain and its hashes stay the same.
public enum StoreCopy {
    /// What a copy did.
    public struct Outcome: Hashable, Sendable {
        /// Records copied.
        public var records: UInt64
        /// Token records, audit lines and releases copied beside the log.
        public var tokens: Int
        public var auditLines: Int
        public var releases: Int
        /// The hash of the last record, hex (the same in both places).
        public var headHash: String
        /// Where from and where to; a store URL without its password.
        public var from: String
        public var to: String
        /// Said when the copy into a data folder could not be verified there in full (the key is not at hand).
        public var note: String?
    }

    /// Copies a whole log: from a data folder into an empty store, or from a store into a new data folder, with the
    /// tokens, the access audit trail and the trend releases. Checks the source's chain (and the audit trail's)
    /// while copying and verifies the copy.
    ///
    /// - Parameters:
    ///   - source: a data folder or a store URL.
    ///   - destination: a store URL (for a folder source) or a new, empty data folder (for a store source).
    ///   - checkpointFile: the source folder's checkpoint, when it is not `log.checkpoint` in the folder.
    ///   - environment: where `SPOR_PSEUDONYM_KEY` and `SPOR_CHECKPOINT` are read from.
    /// - Throws: ``UseCaseError`` `invalid` for two folders or two stores, `forbidden` for a caller who may not dump
    ///   the log; a store or log error naming what broke. A copy into a store is written in one transaction, so
    ///   nothing is kept when writing fails; it is then read back and compared, and a difference found there is
    ///   reported with the copy left committed (the tables are append-only): inspect it, and copy into an empty
    ///   database again.
    public static func copy(
        from source: String, to destination: String, by caller: Caller, checkpointFile: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws -> Outcome {
        _ = try AccessPolicy.responses(caller, .dumpLog)
        switch (DataFolder.isStore(source), DataFolder.isStore(destination)) {
        case (false, true):
            return try await copyIn(
                folder: DataFolder.location(source, environment: environment), store: PostgresStoreURL(destination),
                checkpointFile: checkpointFile, environment: environment, logger: logger)
        case (true, false):
            return try await copyOut(
                store: PostgresStoreURL(source), folder: DataFolder.location(destination, environment: environment),
                environment: environment, logger: logger)
        default:
            throw UseCaseError.invalid([
                FieldError(
                    field: "to", rule: .format,
                    message: "one of --from and --to must be a data folder and the other a postgresql:// URL")
            ])
        }
    }

    private static func copyIn(
        folder: URL, store: PostgresStoreURL, checkpointFile: URL?, environment: [String: String], logger: Logger
    ) async throws -> Outcome {
        let reader = try LogRecordReader(folder: folder, checkpointFile: checkpointFile, environment: environment)
        defer { reader.close() }
        let fingerprint = reader.keyFingerprint
        let beside = try sideTables(of: folder)
        let (copied, verification, found) = try await PostgresStore.withLog(store, logger: logger) { log in
            let copied = try await log.copyIn(keyFingerprint: fingerprint, beside: beside, next: reader.next)
            return (copied, try await log.verify(), try await log.sideTables())
        }
        guard verification.broken == nil, verification.records == copied.records,
            verification.headHash == reader.report.headHash
        else {
            throw PostgresStoreError(
                "the copy in \(store) was committed but does not verify: \(verification.broken?.message ?? "its head differs from the folder's")"
            )
        }
        try checkCopied(beside, found: found, in: store.description)
        return Outcome(
            records: copied.records, tokens: beside.tokens.count, auditLines: beside.audit.count,
            releases: beside.releases.count, headHash: copied.headHash, from: folder.path, to: store.description,
            note: nil)
    }

    private static func copyOut(
        store: PostgresStoreURL, folder: URL, environment: [String: String], logger: Logger
    ) async throws -> Outcome {
        let writer = try LogFolderWriter(folder: folder)
        var check = RecordChainCheck()
        var note: String?
        var beside = PostgresSideTables()
        do {
            let fingerprint = try await PostgresStore.withLog(store, logger: logger, preparing: false) { log in
                try await log.rows { sequence, previous, hash, record in
                    if let problem = check.check(sequence: sequence, previousHash: previous, hash: hash, body: record) {
                        // A missing row is named by its own sequence number, as verify names it.
                        let at = min(sequence, Int64(check.nextSequence))
                        throw PostgresStoreError(
                            "the log in \(store) is broken at seq \(at): \(problem); nothing was copied")
                    }
                    // The check decoded the record's header, so the body holds one.
                    guard let chained = ChainedRecord(body: record, hash: hash) else {
                        throw PostgresStoreError(
                            "the log in \(store) is broken at seq \(sequence): the record is malformed")
                    }
                    try writer.append(chained)
                }
                beside = try await log.sideTables()
                try checkAudit(beside.audit.map { "\($0.json)\t\($0.chain)" }, in: store.description)
                return try await log.keyFingerprint()
            }
            if let problem = check.unfinishedEnd {
                throw PostgresStoreError("the log in \(store) is broken at its end: \(problem)")
            }
            try writer.finish(keyFingerprint: fingerprint)
            try write(beside, into: folder)
            try checkCopied(beside, found: try sideTables(of: folder), in: folder.path)
            note = try verifyCopy(folder: folder, check: check, environment: environment)
        } catch {
            discardSideTables(in: folder)
            writer.discard()
            throw error
        }
        return Outcome(
            records: check.nextSequence, tokens: beside.tokens.count, auditLines: beside.audit.count,
            releases: beside.releases.count, headHash: check.headHashHex, from: store.description, to: folder.path,
            note: note)
    }

    /// Verifies a copied folder as `spor verify` does; returns what to do when the key is not at hand to do it.
    private static func verifyCopy(
        folder: URL, check: RecordChainCheck, environment: [String: String]
    ) throws -> String? {
        do {
            let report = try LogVerifier.verify(folder: folder, environment: environment)
            guard report.records == check.nextSequence, report.headHash == check.headHashHex else {
                throw PostgresStoreError(
                    "the copy in \(folder.path) does not verify: its head differs from the store's")
            }
            return nil
        } catch let error as LogError where error.code == .invalidKey {
            return
                "the chain was checked while copying; give the pseudonymisation key (SPOR_PSEUDONYM_KEY, or copy pseudonym.key into the folder) and run spor verify"
        }
    }
}
