public import Logging
public import PostgresNIO
public import SporLog

/// The log in a PostgreSQL database: the table `spor_log` (`seq`, `previous_hash`, `hash`, `record`), one row per
/// record, holding the same record bytes as a data folder's segments, so the chain and its hashes are the same
/// (docs/postgresql.md). A trigger refuses every UPDATE, DELETE and TRUNCATE. Every append takes the advisory
/// transaction lock ``PostgresLogSchema/lockKey`` inside its transaction, so appends from any number of processes
/// form one chain, and a batch is committed whole or not at all.
///
/// The client must be running (``PostgresStore/withLog(_:logger:_:)`` runs it).
public struct PostgresLog: Sendable {
    /// What walking the chain in the table found.
    public struct Verification: Hashable, Sendable {
        /// The first broken row: its sequence number (or where a missing one belongs) and what is wrong.
        public struct Break: Hashable, Sendable {
            public var sequence: Int64
            public var message: String
        }

        /// Rows checked before the first break (all rows when intact).
        public var records: UInt64
        /// The hash of the last intact row, hex; 64 zeros for an empty table.
        public var headHash: String
        /// `nil` when the chain is intact.
        public var broken: Break?
    }

    let client: PostgresClient
    let logger: Logger
    /// Rows per INSERT statement (four parameters each, within PostgreSQL's 65,535).
    static let rowsPerStatement = 1000

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Creates the tables, the function and the triggers when they are missing; safe to run at any time.
    public func prepare() async throws {
        try await run("preparing the spor_log table") {
            try await client.withTransaction(logger: logger) { connection in
                try await lock(connection)
                for statement in PostgresLogSchema.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
        }
    }

    /// The number of rows in `spor_log`.
    public func count() async throws -> Int64 {
        try await run("counting the spor_log rows") {
            var count: Int64 = 0
            for try await value in try await client.query("SELECT count(*) FROM spor_log", logger: logger).decode(
                Int64.self)
            {
                count = value
            }
            return count
        }
    }

    /// The pseudonymisation key's fingerprint recorded with the log, if any.
    public func keyFingerprint() async throws -> String? {
        try await run("reading the key fingerprint") {
            let rows = try await client.query(
                "SELECT value FROM spor_store WHERE name = \(PostgresLogSchema.fingerprintName)", logger: logger)
            var found: String?
            for try await value in rows.decode(String.self) { found = value }
            return found
        }
    }

    /// Appends one batch after the last row, all or nothing.
    ///
    /// - Throws: ``PostgresStoreError`` when the records do not continue the table's chain (their first sequence
    ///   number and previous hash must follow its last row), do not chain to each other, end inside a batch, or
    ///   when PostgreSQL refuses; nothing is written then.
    public func append(_ batch: [ChainedRecord]) async throws {
        guard !batch.isEmpty else { return }
        try await run("appending to spor_log") {
            try await client.withTransaction(logger: logger) { connection in
                try await lock(connection)
                var check = try await head(connection)
                try Self.check(batch, with: &check)
                if let problem = check.unfinishedEnd { throw PostgresStoreError("the batch is refused: \(problem)") }
                try await insert(batch, connection)
            }
        }
    }

    /// Copies every record `next` hands out into the empty table in one transaction, checking the chain as it
    /// goes, with the tokens, audit lines and releases of `beside`, and records `keyFingerprint`; all or nothing.
    /// - Returns: the records copied and the head hash (hex).
    /// - Throws: ``PostgresStoreError`` when `spor_log` already holds rows, a table beside it holds rows and
    ///   `beside` has some for it, a record breaks the chain, or PostgreSQL refuses; what `next` throws.
    public func copyIn(
        keyFingerprint: String?, beside: PostgresSideTables = PostgresSideTables(), next: () throws -> ChainedRecord?
    ) async throws -> (records: UInt64, headHash: String) {
        try await run("copying into spor_log") {
            try await client.withTransaction(logger: logger) { connection in
                try await lock(connection)
                var existing: Int64 = 0
                for try await value in try await connection.query("SELECT count(*) FROM spor_log", logger: logger)
                    .decode(Int64.self)
                {
                    existing = value
                }
                guard existing == 0 else {
                    throw PostgresStoreError(
                        "spor_log already holds \(existing) records; a log is copied only into an empty table")
                }
                var check = RecordChainCheck()
                var chunk: [ChainedRecord] = []
                chunk.reserveCapacity(Self.rowsPerStatement)
                while let record = try next() {
                    chunk.append(record)
                    if chunk.count == Self.rowsPerStatement {
                        try Self.check(chunk, with: &check)
                        try await insert(chunk, connection)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                try Self.check(chunk, with: &check)
                if let problem = check.unfinishedEnd { throw PostgresStoreError("the copy is refused: \(problem)") }
                try await insert(chunk, connection)
                try await insert(beside, connection)
                if let keyFingerprint {
                    try await connection.query(
                        """
                        INSERT INTO spor_store (name, value) VALUES (\(PostgresLogSchema.fingerprintName), \(keyFingerprint))
                        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
                        """, logger: logger)
                }
                return (check.nextSequence, check.headHashHex)
            }
        }
    }

    /// Hands every row to `visit` in sequence order, as stored (unchecked).
    public func rows(
        _ visit: (_ sequence: Int64, _ previousHash: [UInt8]?, _ hash: [UInt8], _ record: [UInt8]) throws -> Void
    ) async throws {
        try await run("reading spor_log") {
            let rows = try await client.query(
                "SELECT seq, previous_hash, hash, record FROM spor_log ORDER BY seq", logger: logger)
            for try await (sequence, previous, hash, record) in rows.decode(
                (Int64, ByteBuffer?, ByteBuffer, ByteBuffer).self)
            {
                try visit(
                    sequence, previous.map { Array($0.readableBytesView) }, Array(hash.readableBytesView),
                    Array(record.readableBytesView))
            }
        }
    }

    /// Walks the chain in the table: the first row whose sequence number, hash, previous hash or record bytes do
    /// not hold is reported, with the rows before it. Reads only.
    public func verify() async throws -> Verification {
        var check = RecordChainCheck()
        var broken: Verification.Break?
        try await rows { sequence, previous, hash, record in
            guard broken == nil else { return }
            if let problem = check.check(sequence: sequence, previousHash: previous, hash: hash, body: record) {
                broken = .init(sequence: min(sequence, Int64(check.nextSequence)), message: problem)
            }
        }
        if broken == nil, let problem = check.unfinishedEnd {
            broken = .init(sequence: Int64(check.nextSequence), message: problem)
        }
        return Verification(records: check.nextSequence, headHash: check.headHashHex, broken: broken)
    }

    /// Takes the advisory lock every change to `spor_log` takes, waiting at most
    /// ``PostgresLogSchema/lockTimeout`` for it (then the transaction fails: a stuck lock is answered as unavailable,
    /// not waited for without end).
    func lock(_ connection: PostgresConnection) async throws {
        try await lock(PostgresLogSchema.lockKey, connection)
    }

    func lock(_ key: Int64, _ connection: PostgresConnection) async throws {
        try await connection.query(
            PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(PostgresLogSchema.lockTimeout)'"), logger: logger)
        try await connection.query("SELECT pg_advisory_xact_lock(\(key))", logger: logger)
    }

    /// A check positioned after the table's last row.
    func head(_ connection: PostgresConnection) async throws -> RecordChainCheck {
        let rows = try await connection.query(
            "SELECT seq, hash FROM spor_log ORDER BY seq DESC LIMIT 1", logger: logger)
        for try await (sequence, hash) in rows.decode((Int64, ByteBuffer).self) {
            return RecordChainCheck(nextSequence: UInt64(sequence) + 1, headHash: Array(hash.readableBytesView))
        }
        return RecordChainCheck()
    }

    static func check(_ records: [ChainedRecord], with check: inout RecordChainCheck) throws {
        for record in records {
            let previous = record.sequence == 0 ? nil : record.previousHash
            if let problem = check.check(
                sequence: Int64(record.sequence), previousHash: previous, hash: record.hash, body: record.body)
            {
                throw PostgresStoreError("record \(record.sequence) is refused: \(problem)")
            }
        }
    }

    func insert(_ records: [ChainedRecord], _ connection: PostgresConnection) async throws {
        for start in stride(from: 0, to: records.count, by: Self.rowsPerStatement) {
            let part = records[start..<min(start + Self.rowsPerStatement, records.count)]
            var binds = PostgresBindings(capacity: part.count * 4)
            var values: [String] = []
            values.reserveCapacity(part.count)
            for (index, record) in part.enumerated() {
                let first = index * 4
                values.append("($\(first + 1), $\(first + 2), $\(first + 3), $\(first + 4))")
                binds.append(Int64(record.sequence))
                if record.sequence == 0 {
                    binds.appendNull()
                } else {
                    binds.append(ByteBuffer(bytes: record.previousHash))
                }
                binds.append(ByteBuffer(bytes: record.hash))
                binds.append(ByteBuffer(bytes: record.body))
            }
            let sql = "INSERT INTO spor_log (seq, previous_hash, hash, record) VALUES " + values.joined(separator: ", ")
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }

    func run<Result>(_ doing: String, _ body: () async throws -> sending Result) async throws -> sending Result {
        do {
            return try await body()
        } catch {
            throw PostgresStoreError.describing(error, while: doing)
        }
    }
}
