public import Logging
import PostgresNIO

/// A PostgreSQL store held open for a long time (a daemon): a `PostgresClient` running in a task of its own until
/// ``close()``. The client reconnects by itself after PostgreSQL was down; meanwhile its queries fail.
public final class PostgresStoreSession: Sendable {
    /// The store's log and tables.
    public let log: PostgresLog
    /// The store, without its password.
    public let url: PostgresStoreURL
    private let task: Task<Void, Never>

    /// Connects once (failing at once, with the server's reason, when PostgreSQL cannot be reached or refuses),
    /// starts the client and, when `preparing`, makes the tables when missing (a role that may only read does not
    /// prepare).
    public static func open(
        _ url: PostgresStoreURL, preparing: Bool = true, logger: Logger
    ) async throws -> PostgresStoreSession {
        var logger = logger
        logger.logLevel = max(logger.logLevel, .error)
        try await PostgresStore.probe(url, logger: logger)
        var configuration = try url.configuration()
        // A request waits this long for a connection while PostgreSQL is down, then fails with a clear problem.
        configuration.options.connectTimeout = .seconds(3)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let session = PostgresStoreSession(
            log: PostgresLog(client: client, logger: logger), url: url, task: Task { await client.run() })
        do {
            if preparing { try await session.log.prepare() }
        } catch let error as PostgresStoreError {
            session.close()
            throw PostgresStoreError("\(url): \(error.message)")
        }
        return session
    }

    private init(log: PostgresLog, url: PostgresStoreURL, task: Task<Void, Never>) {
        self.log = log
        self.url = url
        self.task = task
    }

    /// Stops the client; queries in flight fail.
    public func close() {
        task.cancel()
    }
}
