public import Foundation
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

        public var records: UInt64
        /// The SHA-256 of the last record, hex: the head to keep outside the folder.
        public var headHash: String
        /// Bytes of an unfinished write at the very end.
        public var tornBytes: Int
        public var broken: Break?
        /// The access audit trail's lines, checked for damage and for their chain.
        public var audit: AuditTrail.Verification
    }

    /// Walks every record and the whole hash chain, and every line of the access audit trail, without changing
    /// anything.
    public func verify(by caller: Caller) throws -> Verification {
        _ = try AccessPolicy.responses(caller, .verifyLog)
        let audit = try AuditTrail.verify(folder: folder.url)
        do {
            let report = try LogVerifier.verify(folder: folder.url)
            return Verification(
                records: report.records, headHash: report.headHash, tornBytes: report.tornBytes, broken: nil, audit: audit)
        } catch let error as LogError where error.code == .corrupt {
            return Verification(
                records: 0, headHash: "", tornBytes: 0,
                broken: .init(segment: error.segment, offset: error.offset, message: error.message, description: error.description),
                audit: audit)
        }
    }

    /// Every event of the log, in order, as one compact JSON line each (with its sequence number and hash), handed
    /// to `line`. A bulk export of every citizen's data: one audit line names it.
    public func dumpLog(by caller: Caller, via endpoint: String, line: (String) -> Void) async throws {
        _ = try AccessPolicy.responses(caller, .dumpLog)
        try await audit(nil, by: caller, via: endpoint)
        try withoutActuallyEscaping(line) { line in
            _ = try LogVerifier.verify(folder: folder.url) { entry, hash in line(entry.jsonLine(hash: hash)) }
        }
    }
}
