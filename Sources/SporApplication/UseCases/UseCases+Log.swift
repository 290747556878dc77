import Crypto
import Foundation
import SporInstruments
import SporLog

extension UseCases {
    /// What a walk over the whole log found.
    public struct Verification: Hashable, Sendable {
        /// Where the log is broken: the segment file, the offset in it and what is wrong; `nil` when it is intact.
        public struct Break: Hashable, Sendable {
            public var segment: String?
            public var offset: Int?
            public var message: String
            /// The whole finding in one line: segment, offset and message.
            public var description: String
        }

        /// The newest checkpoint the log was held to.
        public struct Checkpoint: Hashable, Sendable {
            /// Where it is.
            public var file: String
            /// The head it records (`SEQ:HASH`), `nil` for an empty log.
            public var head: String?
            public var signed: Bool
        }

        public var records: UInt64
        /// The SHA-256 of the last record, hex.
        public var headHash: String
        /// The head to keep outside the folder, `SEQ:HASH`; `nil` for an empty log.
        public var head: String?
        /// The checkpoint found (`nil` when there is none: records cut off the end could then go unnoticed).
        public var checkpoint: Checkpoint?
        /// Where the checkpoint was looked for.
        public var checkpointFile: String
        /// Bytes of an unfinished write at the very end.
        public var tornBytes: Int
        public var broken: Break?
        /// The access audit trail's lines, checked for damage and for their chain.
        public var audit: AuditTrail.Verification
    }

    /// Walks every record and the whole hash chain, holds the log to its newest checkpoint and to the heads given
    /// (kept outside the folder), and checks every line of the access audit trail, without changing anything.
    /// - Parameters:
    ///   - expectedHeads: heads printed by an earlier verify, `SEQ:HASH`: each record must still be there, unchanged.
    ///   - checkpointPublicKey: the Ed25519 public key (64 hex digits or base64) the checkpoint must be signed with.
    /// - Throws: ``UseCaseError`` `invalid` for a head or key that is not written as one.
    public func verify(
        expectedHeads: [String] = [], checkpointPublicKey: String? = nil, by caller: Caller
    ) throws -> Verification {
        _ = try AccessPolicy.responses(caller, .verifyLog)
        let (heads, key) = try Self.verifyOptions(
            expectedHeads: expectedHeads, checkpointPublicKey: checkpointPublicKey)
        let audit = try AuditTrail.verify(folder: folder.url)
        let checkpointFile = folder.logSettings.checkpointFile
        do {
            let report = try LogVerifier.verify(
                folder: folder.url, checkpointFile: checkpointFile, expectedHeads: heads, checkpointPublicKey: key)
            return Verification(
                records: report.records, headHash: report.headHash, head: report.head?.description,
                checkpoint: report.checkpoint.map { checkpoint in
                    Verification.Checkpoint(
                        file: report.checkpointFile.path, head: checkpoint.head?.description,
                        signed: checkpoint.signature != nil)
                },
                checkpointFile: report.checkpointFile.path, tornBytes: report.tornBytes, broken: nil, audit: audit)
        } catch let error as LogError where error.code == .corrupt || error.code == .checkpoint {
            return Verification(
                records: 0, headHash: "", head: nil, checkpoint: nil, checkpointFile: checkpointFile?.path ?? "",
                tornBytes: 0,
                broken: .init(
                    segment: error.segment, offset: error.offset, message: error.message, description: error.description
                ),
                audit: audit)
        }
    }

    /// The heads and the checkpoint public key a verify was given, parsed.
    /// - Throws: ``UseCaseError`` `invalid` for a head or key that is not written as one.
    static func verifyOptions(
        expectedHeads: [String], checkpointPublicKey: String?
    ) throws -> (heads: [LogHead], key: Curve25519.Signing.PublicKey?) {
        var errors: [FieldError] = []
        let heads = expectedHeads.compactMap { text -> LogHead? in
            guard let head = LogHead(text) else {
                errors.append(
                    FieldError(
                        field: "expect-head", rule: .format,
                        message: "expect-head takes SEQ:HASH, the sequence number and 64 hex digits"))
                return nil
            }
            return head
        }
        let key = checkpointPublicKey.flatMap(LogCheckpoint.publicKey)
        if checkpointPublicKey != nil, key == nil {
            errors.append(
                FieldError(
                    field: "checkpoint-public-key", rule: .format,
                    message: "checkpoint-public-key takes an Ed25519 public key as 64 hex digits or base64"))
        }
        guard errors.isEmpty else { throw UseCaseError.invalid(errors) }
        return (heads, key)
    }

    /// Every event of the log, in order, as one compact JSON line each (with its sequence number and hash), handed
    /// to `line`. A bulk export of every citizen's data: one audit line names it.
    public func dumpLog(by caller: Caller, via endpoint: String, line: (String) -> Void) async throws {
        _ = try AccessPolicy.responses(caller, .dumpLog)
        try await audit(nil, by: caller, via: endpoint)
        if let store = folder.store { return try await store.dump(line) }
        try withoutActuallyEscaping(line) { line in
            _ = try LogVerifier.verify(folder: folder.url) { entry, hash in line(entry.jsonLine(hash: hash)) }
        }
    }
}
