import Foundation
import Logging
import PostgresNIO
import SporInstruments
import SporLog
import SporPostgres
import SporTesting

/// The PostgreSQL the tests run against: `SPOR_TEST_POSTGRES`, a store URL of a superuser (docs/postgresql.md),
/// e.g. `postgresql://postgres@/postgres?host=/tmp/spor-pg&port=54329` for the cluster `.ci/run` starts with
/// scripts/postgres-cluster.sh. Each test gets a database of its own, dropped afterwards.
enum TestPostgres {
    /// The server's URL; the PostgreSQL tests are skipped when it is not set.
    static let url = ProcessInfo.processInfo.environment["SPOR_TEST_POSTGRES"]

    static var isAvailable: Bool { url != nil }

    /// A pseudonymisation key for stores the tests make, as `SPOR_PSEUDONYM_KEY` takes it.
    static let keyHex = String(repeating: "2a", count: 32)

    static let logger = Logger(label: "spor-postgres-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `body` with the URL of a new, empty database and a superuser client on it.
    static func withDatabase(_ body: (String, PostgresClient) async throws -> Void) async throws {
        let server = try requireURL()
        let name = "spor_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await withClient(server) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        let database = server + (server.contains("?") ? "&" : "?") + "dbname=\(name)"
        do {
            try await withClient(database) { try await body(database, $0) }
        } catch {
            try? await dropDatabase(name, server: server)
            throw error
        }
        try await dropDatabase(name, server: server)
    }

    /// Runs `body` with a running client for `url`.
    @discardableResult
    static func withClient<Result>(
        _ url: String, _ body: (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: try PostgresStoreURL(url).configuration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    private static func dropDatabase(_ name: String, server: String) async throws {
        try await withClient(server) { client in
            try await client.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }

    private static func requireURL() throws -> String {
        guard let url else { throw PostgresStoreError("SPOR_TEST_POSTGRES is not set") }
        return url
    }
}
