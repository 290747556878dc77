import Foundation
public import Logging
import SporLog
import SporPostgres

extension StoreCopy {
    /// What a walk over the chain in a store found.
    public struct Verification: Hashable, Sendable {
        /// The checkpoint in `spor_checkpoints` with the furthest head, which the log was held to.
        public struct Checkpoint: Hashable, Sendable {
            /// Its row in `spor_checkpoints`.
            public var row: Int64
            /// The head it records (`SEQ:HASH`), `nil` for an empty log.
            public var head: String?
            public var signed: Bool
        }

        /// The store, without its password.
        public var store: String
        /// Records intact before the first break (all of them when intact).
        public var records: UInt64
        /// The hash of the last intact record, hex.
        public var headHash: String
        /// The head to keep outside the database, `SEQ:HASH`; `nil` for an empty or broken log.
        public var head: String?
        /// The sequence number of the first broken (or missing) row; `nil` when the break is not a row's (a
        /// checkpoint's signature).
        public var brokenSequence: Int64?
        /// What is wrong; `nil` when the log is intact and holds every head it was held to.
        public var brokenMessage: String?
        /// The checkpoint with the furthest head, `nil` when there is none.
        public var checkpoint: Checkpoint?
        /// The access audit trail in the store (`spor_audit`), its lines and chain checked.
        public var audit: AuditTrail.Verification

        /// Whether the log is intact and holds every head it was held to.
        public var isIntact: Bool { brokenMessage == nil }

        mutating func breakOff(at sequence: Int64?, _ message: String) {
            guard brokenMessage == nil else { return }
            brokenSequence = sequence
            brokenMessage = message
        }
    }

    /// Walks the chain in a store without changing anything, and holds it to the furthest head of the checkpoints in
    /// `spor_checkpoints` and to the heads given (kept outside the database): each head's row must be there, part
    /// of the intact chain, with the same hash.
    ///
    /// Every checkpoint row counts, not only the newest: a copy of an older, genuinely signed checkpoint appended
    /// after rows were cut off the end would otherwise pass. With a public key every row's signature is checked. The
    /// checkpoints are read before the chain is walked, so one a daemon writes meanwhile never covers rows the walk
    /// did not see.
    /// - Parameters:
    ///   - expectedHeads: heads printed by an earlier verify, `SEQ:HASH`.
    ///   - checkpointPublicKey: the Ed25519 public key (64 hex digits or base64) every checkpoint must be signed
    ///     with.
    /// - Throws: ``UseCaseError`` `invalid` for a head or key that is not written as one, `forbidden` for a caller
    ///   who may not verify; ``PostgresStoreError`` when PostgreSQL cannot be reached or refuses.
    public static func verify(
        store: String, expectedHeads: [String] = [], checkpointPublicKey: String? = nil, by caller: Caller,
        logger: Logger
    ) async throws -> Verification {
        _ = try AccessPolicy.responses(caller, .verifyLog)
        let (heads, key) = try UseCases.verifyOptions(
            expectedHeads: expectedHeads, checkpointPublicKey: checkpointPublicKey)
        let url = try PostgresStoreURL(store)
        return try await PostgresStore.withLog(url, logger: logger, preparing: false) { log in
            let checkpoints = try await log.checkpoints()
            let found = try await log.verify()
            let auditLines = try await log.hasTable("spor_audit") ? try await log.auditLines() : []
            var verification = Verification(
                store: url.description, records: found.records, headHash: found.headHash,
                brokenSequence: found.broken?.sequence, brokenMessage: found.broken?.message,
                audit: AuditTrail.verify(lines: auditLines))
            var expected: [(head: LogHead, source: String)] = []
            var furthest: (row: Int64, checkpoint: LogCheckpoint)?
            for (row, text) in checkpoints {
                let name = "the checkpoint in spor_checkpoints row \(row)"
                guard let checkpoint = LogCheckpoint.parse(text) else {
                    verification.breakOff(at: nil, "\(name) is malformed")
                    return verification
                }
                if let key {
                    do {
                        try checkpoint.checkSignature(key, named: name)
                    } catch let error as LogError {
                        verification.breakOff(at: nil, error.message)
                        return verification
                    }
                }
                // The newest of those reaching furthest.
                if checkpoint.records >= furthest?.checkpoint.records ?? 0 { furthest = (row, checkpoint) }
            }
            if let (row, checkpoint) = furthest {
                verification.checkpoint = .init(
                    row: row, head: checkpoint.head?.description, signed: checkpoint.signature != nil)
                if let head = checkpoint.head {
                    expected.append((head, "the checkpoint in spor_checkpoints row \(row)"))
                }
            } else if key != nil {
                verification.breakOff(at: nil, "there is no checkpoint in spor_checkpoints to check the signature of")
            }
            expected += heads.map { ($0, "the expected head \($0)") }
            for (head, source) in expected where verification.isIntact {
                guard head.sequence < found.records else {
                    verification.breakOff(
                        at: Int64(found.records),
                        "the log ends after \(found.records) records, but \(source) holds records up to sequence \(head.sequence): records at the end are missing"
                    )
                    break
                }
                let hash = try await log.rows(from: head.sequence, limit: 1).first?.hashHex ?? "missing"
                if hash != head.hash {
                    verification.breakOff(
                        at: Int64(head.sequence),
                        "record \(head.sequence) is not the one \(source) holds (its hash is \(hash)): the log was changed after that head was taken"
                    )
                }
            }
            if verification.isIntact, found.records > 0 {
                verification.head = LogHead(sequence: found.records - 1, hash: found.headHash).description
            }
            return verification
        }
    }
}
