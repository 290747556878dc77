import SporLog
import SporPostgres

/// A store's rows read in order a page at a time, each checked against the chain and decoded, the first broken
/// one failing the read: how a daemon loads the responses at start and follows other daemons, and how
/// `spor log dump` reads.
enum StoreLogPages {
    /// Checks that `rows` continue the chain `check` stands at and decodes their entries; `check` moves past them
    /// only when every row holds.
    /// - Throws: ``UseCaseError`` `unavailable` naming the first broken row.
    static func entries(of rows: [ChainedRecord], after check: inout RecordChainCheck) throws -> [LogEntry] {
        var checked = check
        var entries: [LogEntry] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            if let problem = checked.check(
                sequence: Int64(row.sequence), previousHash: row.previousHash, hash: row.hash, body: row.body)
            {
                throw UseCaseError.unavailable("the log in PostgreSQL is broken at seq \(row.sequence): \(problem)")
            }
            entries.append(try row.entry())
        }
        check = checked
        return entries
    }

    /// Reads every row after those `check` stands after, `size` at a time, and hands each page to `page` once
    /// checked: its rows, their entries and the check standing after them.
    /// - Returns: the check standing after the last row.
    /// - Throws: ``UseCaseError`` `unavailable` at the first broken row; what reading or `page` throws (the pages
    ///   handed over before stay handed over).
    static func read(
        _ log: PostgresLog, after check: RecordChainCheck, size: Int, isolation: isolated (any Actor)? = #isolation,
        _ page: ([ChainedRecord], [LogEntry], RecordChainCheck) throws -> Void
    ) async throws -> RecordChainCheck {
        var check = check
        while true {
            let rows = try await log.rows(from: check.nextSequence, limit: size)
            let entries = try entries(of: rows, after: &check)
            try page(rows, entries, check)
            if rows.count < size { return check }
        }
    }
}
