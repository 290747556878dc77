import Foundation
import SporPostgres
import SporReports

/// The tokens, the access audit trail and the trend releases a copy carries beside the log (docs/postgresql.md):
/// from a data folder's `tokens.json`, `audit.log` and `releases/` into `spor_tokens`, `spor_audit` and
/// `spor_releases`, or back, each checked in the destination.
extension StoreCopy {
    /// The tokens, audit trail and releases of `folder`, as a store keeps them.
    /// - Throws: ``PostgresStoreError`` when the audit trail is broken or holds lines from before lines were
    ///   chained (a store keeps only chained lines).
    static func sideTables(of folder: URL) throws -> PostgresSideTables {
        let tokens = try TokenStore(folder: folder).list().map { record in
            PostgresSideTables.Token(name: record.name, record: try tokenJSON(record))
        }
        let lines = try AuditTrail.lines(folder: folder).lines.map(String.init)
        try checkAudit(lines, in: folder.path)
        let audit = lines.map { text in
            let line = AuditChain.Line(Substring(text))
            return PostgresSideTables.AuditLine(json: String(line.json), chain: String(line.chain ?? ""))
        }
        let store = ReleaseStore(dataFolder: folder)
        let releases = try store.ids().map { id in
            guard let json = store.json(id) else {
                throw PostgresStoreError("the release \(id) in \(folder.path) cannot be read")
            }
            return PostgresSideTables.Release(id: id.number, json: json)
        }
        return PostgresSideTables(tokens: tokens, audit: audit, releases: releases)
    }

    /// Writes `tables` into the new data folder `folder`: `tokens.json`, `audit.log` and `releases/`, mode 0600.
    static func write(_ tables: PostgresSideTables, into folder: URL) throws {
        if !tables.tokens.isEmpty {
            let records = try tokenRecords(tables)
            try DurableFile.replace(
                folder.appendingPathComponent(TokenStore.fileName), with: Array(try TokenStore.encoder.encode(records)))
        }
        if !tables.audit.isEmpty {
            let text = tables.audit.map { "\($0.json)\t\($0.chain)\n" }.joined()
            try DurableFile.replace(folder.appendingPathComponent(AuditTrail.fileName), with: Array(text.utf8))
        }
        let releases = ReleaseStore(dataFolder: folder)
        for release in tables.releases {
            guard let id = TrendRelease.ID(number: release.id), try releases.store(json: release.json, id: id) else {
                throw PostgresStoreError("the release \(release.id) cannot be written into \(folder.path)")
            }
        }
    }

    /// Removes what ``write(_:into:)`` wrote, after a failed copy.
    static func discardSideTables(in folder: URL) {
        for name in [TokenStore.fileName, AuditTrail.fileName, ReleaseStore.folderName] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Checks that the destination holds what was copied: the same token records, the same audit lines with
    /// their chain intact, the same releases byte for byte. A table nothing was copied into is not compared (a
    /// store may have held tokens of its own).
    static func checkCopied(_ copied: PostgresSideTables, found: PostgresSideTables, in place: String) throws {
        func differs(_ what: String) -> PostgresStoreError {
            PostgresStoreError("the copy in \(place) does not verify: its \(what) differ from the source's")
        }
        if !copied.tokens.isEmpty, try tokenRecords(copied) != tokenRecords(found) { throw differs("tokens") }
        if !copied.audit.isEmpty {
            guard copied.audit == found.audit else { throw differs("audit lines") }
            try checkAudit(found.audit.map { "\($0.json)\t\($0.chain)" }, in: place)
        }
        if !copied.releases.isEmpty, copied.releases != found.releases { throw differs("releases") }
    }

    /// Refuses an audit trail that is broken or holds lines from before lines were chained.
    static func checkAudit(_ lines: [String], in place: String) throws {
        let verification = AuditTrail.verify(lines: lines)
        if let line = verification.broken.first {
            throw PostgresStoreError(
                "the audit trail in \(place) is broken at line \(line) (spor verify names every broken line)"
            )
        }
        guard verification.unchained == 0 else {
            throw PostgresStoreError(
                "the audit trail in \(place) holds \(verification.unchained) lines from before lines were chained, which a store cannot keep"
            )
        }
    }

    private static func tokenJSON(_ record: TokenRecord) throws -> String {
        String(decoding: try TokenStore.encoder.encode(record), as: UTF8.self)
    }

    private static func tokenRecords(_ tables: PostgresSideTables) throws -> [TokenRecord] {
        try tables.tokens.map { token in
            do {
                return try TokenStore.decoder.decode(TokenRecord.self, from: Data(token.record.utf8))
            } catch {
                throw TokenError(.storage, "spor_tokens holds a record that is not a token")
            }
        }
    }
}
