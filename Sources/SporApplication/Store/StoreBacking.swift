import Foundation
import SporLog
import SporPostgres

/// What a ``DataFolder`` opened on a PostgreSQL store keeps instead of files (docs/postgresql.md): the running
/// client, the log as this process follows it, the tokens, and the pseudonymisation key when one was given (never
/// from the database).
final class StoreBacking: Sendable {
    let session: PostgresStoreSession
    /// Appends and follows the log (`nil` for a command that only reads).
    let follower: StoreLogFollower?
    let tokens: StoreTokens
    let pseudonymiser: Pseudonymiser?
    /// The signed heads this daemon writes, when it has a checkpoint signing key.
    let checkpoints: StoreCheckpoints?

    init(
        session: PostgresStoreSession, follower: StoreLogFollower?, tokens: StoreTokens, pseudonymiser: Pseudonymiser?,
        checkpoints: StoreCheckpoints? = nil
    ) {
        self.session = session
        self.follower = follower
        self.tokens = tokens
        self.pseudonymiser = pseudonymiser
        self.checkpoints = checkpoints
    }

    /// The trend releases, in the store.
    var releases: StoreReleases { StoreReleases(log: session.log) }

    /// The store's URL without its password, as a `URL`.
    var url: URL { URL(string: session.url.description) ?? URL(fileURLWithPath: "/") }

    func append(_ events: [SporLog.LogEvent], author: Author) async throws -> [EventLog.AppendResult] {
        guard let follower else { throw UseCaseError.unavailable("the store is open for reading only") }
        return try await follower.append(events, author: author)
    }

    func pseudonymiserForCPR() throws -> Pseudonymiser {
        guard let pseudonymiser else {
            throw UseCaseError.unavailable(
                "A CPR number cannot be taken here: no pseudonymisation key was given (SPOR_PSEUDONYM_KEY or --key-file). Give the citizen id instead."
            )
        }
        return pseudonymiser
    }

    func appendAudit(_ records: [AuditRecord]) async throws {
        let (log, lines) = (session.log, records.map(\.json))
        do {
            try await StoreDeadline.run {
                try await log.appendAudit(lines, start: AuditChain.start, link: AuditChain.link)
            }
        } catch {
            throw StoreLogFollower.unavailable(error)
        }
    }

    func auditLines() async throws -> [String] {
        try await session.log.auditLines()
    }

    /// Every record of the table in order as a JSON line, the chain checked as it goes.
    /// - Throws: ``UseCaseError`` `unavailable` at the first broken row.
    func dump(_ line: (String) -> Void) async throws {
        _ = try await StoreLogPages.read(session.log, after: RecordChainCheck(), size: 10_000) { rows, entries, _ in
            for (row, entry) in zip(rows, entries) { line(entry.jsonLine(hash: row.hashHex)) }
        }
    }

    func close() async {
        await follower?.stop()
        if let checkpoints, let follower {
            checkpoints.stop()
            await checkpoints.write(at: await follower.position)
        }
        tokens.stop()
        session.close()
    }
}
