import PostgresNIO
public import SporLog

extension PostgresLog {
    /// One append transaction, holding the advisory lock: nobody else appends until it commits or rolls back.
    public struct AppendTransaction: Sendable {
        let log: PostgresLog
        let connection: PostgresConnection

        /// The rows from `sequence` on, in order, as stored: what other processes committed since this one last
        /// read.
        public func rows(from sequence: UInt64) async throws -> [ChainedRecord] {
            try await log.rows(from: sequence, on: connection)
        }

        /// Inserts `records` after the table's last row; they must continue its chain and end a batch.
        /// - Parameter end: where the table ends, as ``rows(from:)`` read it to its end in this transaction (the
        ///   lock keeps it there), so no round trip asks for it again; the primary key on `seq` refuses a position
        ///   that is not the end.
        /// - Throws: ``PostgresStoreError`` naming the first record that does not continue it.
        public func insert(_ records: [ChainedRecord], after end: RecordChainCheck) async throws {
            guard !records.isEmpty else { return }
            var check = end
            try PostgresLog.check(records, with: &check)
            if let problem = check.unfinishedEnd { throw PostgresStoreError("the batch is refused: \(problem)") }
            try await log.insert(records, connection)
        }
    }

    /// Runs `body` in one transaction that first takes the advisory lock every append takes, and commits when it
    /// returns: what `body` inserted is durable (and announced on the log's channel) once this returns.
    /// - Throws: ``PostgresStoreError`` when PostgreSQL cannot be reached or refuses; what `body` throws (nothing
    ///   is written then).
    public func withAppendLock<Result>(
        isolation: isolated (any Actor)? = #isolation, _ body: (AppendTransaction) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await client.withTransaction(logger: logger, isolation: isolation) { connection in
                try await lock(connection)
                return try await body(AppendTransaction(log: self, connection: connection))
            }
        } catch {
            throw PostgresStoreError.describing(error, while: "appending to spor_log")
        }
    }

    /// The rows from `sequence` on, in order, as stored (unchecked), at most `limit` of them.
    public func rows(from sequence: UInt64, limit: Int = 100_000) async throws -> [ChainedRecord] {
        try await run("reading spor_log") {
            try await client.withConnection { connection in
                try await rows(from: sequence, limit: limit, on: connection)
            }
        }
    }

    func rows(
        from sequence: UInt64, limit: Int = Int(Int32.max), on connection: PostgresConnection
    ) async throws
        -> [ChainedRecord]
    {
        let rows = try await connection.query(
            "SELECT seq, previous_hash, hash, record FROM spor_log WHERE seq >= \(Int64(sequence)) ORDER BY seq LIMIT \(Int64(limit))",
            logger: logger)
        var records: [ChainedRecord] = []
        for try await (sequence, previous, hash, record) in rows.decode(
            (Int64, ByteBuffer?, ByteBuffer, ByteBuffer).self)
        {
            let body = Array(record.readableBytesView)
            records.append(
                ChainedRecord(
                    sequence: UInt64(max(sequence, 0)),
                    previousHash: previous.map { Array($0.readableBytesView) } ?? [UInt8](repeating: 0, count: 32),
                    hash: Array(hash.readableBytesView), body: body)
            )
        }
        return records
    }

    /// Holds one connection listening on `channel` and calls `notified` for each notification, until the task is
    /// cancelled or the connection fails (then it throws).
    public func listen(
        on channel: Channel, _ notified: @escaping @Sendable () async -> Void
    ) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: channel.name) { notifications in
                for try await _ in notifications { await notified() }
            }
        }
    }

    /// What a listener can follow.
    public enum Channel: Sendable {
        /// Rows appended to `spor_log`.
        case log
        /// Tokens created or revoked.
        case tokens

        var name: String {
            switch self {
            case .log: PostgresLogSchema.logChannel
            case .tokens: PostgresLogSchema.tokensChannel
            }
        }
    }
}
