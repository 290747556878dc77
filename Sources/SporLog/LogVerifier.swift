import Crypto
public import Foundation

/// Walks a data folder's log without taking its lock or changing anything: every frame, checksum and chain link.
public enum LogVerifier {
    /// What a verification found when the log is intact.
    public struct Report: Hashable, Sendable {
        /// Records checked.
        public var records: UInt64
        /// The SHA-256 of the last record, hex.
        public var headHash: String
        /// Bytes of a torn record or unfinished batch at the very end, which the next open cuts off.
        public var tornBytes: Int
    }

    /// Checks the whole log, handing each entry and its hash (hex) to `visit`.
    /// - Throws: ``LogError`` `corrupt` naming the segment and byte offset of the first break.
    public static func verify(folder: URL, visit: ((LogEntry, String) throws -> Void)? = nil) throws -> Report {
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw LogError(.io, "the data folder \(folder.path) does not exist")
        }
        let outcome = try LogScanner(folder: folder).scan(decodeEntries: visit != nil) { record in
            if let visit, let entry = record.entry { try visit(entry, EventLog.hex(record.hash)) }
        }
        return Report(records: outcome.records, headHash: EventLog.hex(outcome.headHash), tornBytes: outcome.tornBytes)
    }
}
