import Foundation
import Logging
import SporInstruments
import SporPostgres
import Synchronization

/// The bearer tokens of a PostgreSQL store (`spor_tokens`, docs/postgresql.md): the same records as
/// `tokens.json`, one row each, never the token itself. Every daemon keeps them in memory, read again when a token
/// is created or revoked anywhere (`LISTEN`) and every few seconds besides, so a request's token check never waits
/// for the database.
final class StoreTokens: Sendable {
    private let log: PostgresLog
    /// The tokens by hash, and the ticket of the read they came from.
    private let byHash = Mutex<(ticket: UInt64, table: [String: TokenRecord])>((0, [:]))
    /// Numbers the reads in the order they begin, so a read that began before a revocation and ends after the
    /// revocation's own read cannot bring the revoked token back.
    private let lastTicket = Mutex<UInt64>(0)
    private let tasks = Mutex<[Task<Void, Never>]>([])

    init(log: PostgresLog) {
        self.log = log
    }

    /// Reads the tokens and keeps following them until ``stop()``.
    func start() async throws {
        try await refresh()
        // The tasks hold the tokens until ``stop()`` cancels them.
        let log = self.log
        tasks.withLock { tasks in
            tasks.append(
                Task {
                    while !Task.isCancelled {
                        try? await log.listen(on: .tokens) { try? await self.refresh() }
                        try? await Task.sleep(for: .seconds(1))
                    }
                })
            tasks.append(
                Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(5))
                        try? await self.refresh()
                    }
                })
        }
    }

    func stop() {
        tasks.withLock { tasks in
            for task in tasks { task.cancel() }
            tasks = []
        }
    }

    /// Every token, revoked ones included, in the order they were created.
    func list() async throws -> [TokenRecord] {
        try await log.tokenRecords().map { text in
            do {
                return try TokenStore.decoder.decode(TokenRecord.self, from: Data(text.utf8))
            } catch {
                throw TokenError(.storage, "spor_tokens holds a record that is not a token")
            }
        }
    }

    /// Creates a token, as ``TokenStore/create(name:role:units:now:)`` does.
    func create(
        name: String, role: Role, units: [Label], now: Date
    ) async throws -> (token: String, record: TokenRecord) {
        try TokenStore.checkNew(name: name, role: role, units: units)
        var records = try await list()
        let made = try TokenStore.add(name: name, role: role, units: units, now: now, to: &records)
        guard try await log.insertToken(name: name, record: try Self.json(made.record)) else {
            throw TokenError(.invalidName, "a token named \(name) exists already")
        }
        try await refresh()
        return made
    }

    /// Revokes the token named `name`, as ``TokenStore/revoke(name:now:)`` does.
    func revoke(name: String, now: Date) async throws -> TokenRecord {
        var records = try await list()
        let revoked = try TokenStore.revoke(name: name, now: now, in: &records)
        try await log.updateToken(name: name, record: try Self.json(revoked))
        try await refresh()
        return revoked
    }

    /// The identity of the live token with this SHA-256, from memory.
    func identity(hash: String) -> Identity? {
        guard let record = byHash.withLock({ $0.table[hash] }), record.revoked == nil else { return nil }
        return record.identity
    }

    /// Reads the tokens again; kept unless a read that began later was kept first.
    private func refresh() async throws {
        let ticket = lastTicket.withLock { last in
            last += 1
            return last
        }
        let records = try await list()
        let table = Dictionary(records.map { ($0.hash, $0) }, uniquingKeysWith: { first, _ in first })
        byHash.withLock { kept in
            if ticket > kept.ticket { kept = (ticket, table) }
        }
    }

    private static func json(_ record: TokenRecord) throws -> String {
        String(decoding: try TokenStore.encoder.encode(record), as: UTF8.self)
    }
}
