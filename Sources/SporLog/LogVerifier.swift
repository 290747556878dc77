public import Crypto
public import Foundation

/// Walks a data folder's log without taking its lock or changing anything: every frame, checksum and chain link,
/// the newest checkpoint and any heads given, and the pseudonymisation key.
public enum LogVerifier {
    /// What a verification found when the log is intact.
    public struct Report: Hashable, Sendable {
        /// Records checked.
        public var records: UInt64
        /// The SHA-256 of the last record, hex.
        public var headHash: String
        /// The last record, to keep outside the folder and give back with `--expect-head`; `nil` for an empty log.
        public var head: LogHead?
        /// Bytes of a torn record or unfinished batch at the very end, past every checkpoint, which the next open
        /// cuts off.
        public var tornBytes: Int
        /// The checkpoint the log was held to, `nil` when there is none.
        public var checkpoint: LogCheckpoint?
        /// Where the checkpoint was looked for.
        public var checkpointFile: URL
    }

    /// Checks the whole log, handing each entry and its hash (hex) to `visit`.
    ///
    /// - Parameters:
    ///   - checkpointFile: the checkpoint to hold the log to; `nil` for `SPOR_CHECKPOINT`, else `log.checkpoint` in
    ///     the folder.
    ///   - expectedHeads: heads kept outside the folder; each record must still be there, unchanged.
    ///   - checkpointPublicKey: when given, the checkpoint must exist and carry a valid signature by it.
    ///   - environment: where `SPOR_CHECKPOINT` and the pseudonymisation key are read from.
    /// - Throws: ``LogError`` `corrupt` naming the segment and byte offset of the first break, of records a
    ///   checkpoint or expected head covers that are gone or changed, or of the missing segment; `checkpoint` for a
    ///   malformed, missing or badly signed checkpoint; `invalidKey` when the log holds data and the key at hand is
    ///   missing, unreadable or not the log's.
    public static func verify(
        folder: URL, checkpointFile: URL? = nil, expectedHeads: [LogHead] = [],
        checkpointPublicKey: Curve25519.Signing.PublicKey? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        visit: ((LogEntry, String) throws -> Void)? = nil
    ) throws -> Report {
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw LogError(.io, "the data folder \(folder.path) does not exist")
        }
        let file = LogCheckpoint.location(folder: folder, file: checkpointFile, environment: environment)
        let checkpoint = try LogCheckpoint.read(file)
        if let checkpointPublicKey {
            guard let checkpoint else {
                throw LogError(.checkpoint, "there is no checkpoint at \(file.path) to check the signature of")
            }
            try checkpoint.checkSignature(checkpointPublicKey, file: file)
        }
        let heads = HeadCheck(checkpoint: checkpoint, file: file, heads: expectedHeads)
        let scanner = LogScanner(folder: folder)
        let outcome = try scanner.scan(decodeEntries: visit != nil) { record in
            try heads.check(record)
            if let visit, let entry = record.entry { try visit(entry, EventLog.hex(record.hash)) }
        }
        // After the scan, so damage inside the log is named where it is; then a cut end, by its segment.
        try heads.checkLengths(scanner)
        try heads.checkCovered(outcome)
        try Pseudonymiser.check(
            folder: folder, environment: environment, checkpointFingerprint: checkpoint?.keyFingerprint)
        return Report(
            records: outcome.records, headHash: EventLog.hex(outcome.headHash),
            head: outcome.headHash.map { LogHead(sequence: outcome.records - 1, hash: EventLog.hex($0)) },
            tornBytes: outcome.tornBytes, checkpoint: checkpoint, checkpointFile: file)
    }
}
