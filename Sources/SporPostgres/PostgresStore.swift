public import Logging
import PostgresNIO

/// Opens a PostgreSQL store for the length of one piece of work: a `PostgresClient` run in a task group, as
/// postgres-nio's README shows, cancelled when the work ends.
public enum PostgresStore {
    /// Runs `body` with the store's log.
    /// - Parameter preparing: make the tables, function and triggers when missing (which needs the right to create
    ///   them); without it a role that may only read works too.
    /// - Throws: ``PostgresStoreError`` when PostgreSQL cannot be reached or refuses; what `body` throws.
    public static func withLog<Result>(
        _ url: PostgresStoreURL, logger: Logger, preparing: Bool = true, _ body: (PostgresLog) async throws -> Result
    ) async throws -> Result {
        // postgres-nio's own warnings (such as a lease asked for a moment before the client runs) are not the
        // user's concern; its failures reach the caller as errors.
        var logger = logger
        logger.logLevel = max(logger.logLevel, .error)
        try await probe(url, logger: logger)
        let client = PostgresClient(configuration: try url.configuration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let log = PostgresLog(client: client, logger: logger)
            do {
                if preparing { try await log.prepare() }
            } catch let error as PostgresStoreError {
                throw PostgresStoreError("\(url): \(error.message)")
            }
            return try await body(log)
        }
    }

    /// Connects once and disconnects: fails at once, with the server's reason, when PostgreSQL cannot be reached or
    /// refuses the user or database, where a client's pool would keep trying.
    static func probe(_ url: PostgresStoreURL, logger: Logger) async throws {
        do {
            let probe = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw PostgresStoreError("\(url): " + PostgresStoreError.describing(error, while: "connecting").message)
        }
    }
}
