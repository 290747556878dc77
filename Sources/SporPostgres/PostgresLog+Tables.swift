import PostgresNIO

/// The tables beside the log (docs/postgresql.md): tokens (`spor_tokens`, a JSON record per token, never the
/// token itself), the access audit trail (`spor_audit`, chained lines, append-only) and trend releases
/// (`spor_releases`, written once each).
extension PostgresLog {
    // MARK: - Tokens

    /// Every token's record (JSON text), in the order they were created.
    public func tokenRecords() async throws -> [String] {
        try await run("reading spor_tokens") {
            var records: [String] = []
            let rows = try await client.query("SELECT record FROM spor_tokens ORDER BY created_order", logger: logger)
            for try await record in rows.decode(String.self) { records.append(record) }
            return records
        }
    }

    /// Stores a new token's record under its name.
    /// - Returns: `false` when a token with that name exists already.
    public func insertToken(name: String, record: String) async throws -> Bool {
        try await run("writing spor_tokens") {
            let rows = try await client.query(
                "INSERT INTO spor_tokens (name, record) VALUES (\(name), \(record)) ON CONFLICT (name) DO NOTHING RETURNING name",
                logger: logger)
            var inserted = false
            for try await _ in rows.decode(String.self) { inserted = true }
            return inserted
        }
    }

    /// Replaces a token's record (revoking it).
    public func updateToken(name: String, record: String) async throws {
        _ = try await run("writing spor_tokens") {
            try await client.query(
                "UPDATE spor_tokens SET record = \(record) WHERE name = \(name)", logger: logger)
        }
    }

    // MARK: - The audit trail

    /// Appends lines to `spor_audit` in one transaction under its advisory lock, each chained after the one before
    /// by `link(json, previousChain)`; `start` is the chain before the first line.
    public func appendAudit(
        _ jsons: [String], start: String, link: @Sendable (String, String) -> String
    ) async throws {
        guard !jsons.isEmpty else { return }
        try await run("appending to spor_audit") {
            try await client.withTransaction(logger: logger) { connection in
                try await lock(PostgresLogSchema.auditLockKey, connection)
                var line: Int64 = 0
                var chain = start
                let rows = try await connection.query(
                    "SELECT line, chain FROM spor_audit ORDER BY line DESC LIMIT 1", logger: logger)
                for try await (last, lastChain) in rows.decode((Int64, String).self) {
                    line = last
                    chain = lastChain
                }
                var binds = PostgresBindings(capacity: jsons.count * 3)
                var values: [String] = []
                for (index, json) in jsons.enumerated() {
                    chain = link(json, chain)
                    line += 1
                    values.append("($\(index * 3 + 1), $\(index * 3 + 2), $\(index * 3 + 3))")
                    binds.append(line)
                    binds.append(json)
                    binds.append(chain)
                }
                let sql = "INSERT INTO spor_audit (line, json, chain) VALUES " + values.joined(separator: ", ")
                try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            }
        }
    }

    /// Every line of `spor_audit` in order, as `JSON<TAB>CHAIN`, the form of a data folder's `audit.log` lines.
    public func auditLines() async throws -> [String] {
        try await run("reading spor_audit") {
            var lines: [String] = []
            let rows = try await client.query("SELECT json, chain FROM spor_audit ORDER BY line", logger: logger)
            for try await (json, chain) in rows.decode((String, String).self) { lines.append(json + "\t" + chain) }
            return lines
        }
    }

    // MARK: - Releases

    /// The ids of the stored releases, oldest first.
    public func releaseIDs() async throws -> [Int] {
        try await run("reading spor_releases") {
            var ids: [Int] = []
            let rows = try await client.query("SELECT id FROM spor_releases ORDER BY id", logger: logger)
            for try await id in rows.decode(Int32.self) { ids.append(Int(id)) }
            return ids
        }
    }

    /// The stored release `id` (its JSON), `nil` when there is none.
    public func release(_ id: Int) async throws -> [UInt8]? {
        try await run("reading spor_releases") {
            var found: [UInt8]?
            let rows = try await client.query(
                "SELECT release FROM spor_releases WHERE id = \(Int32(clamping: id))", logger: logger)
            for try await bytes in rows.decode(ByteBuffer.self) { found = Array(bytes.readableBytesView) }
            return found
        }
    }

    /// Stores release `id` once.
    /// - Returns: `false` when a release with that id exists already (made by another daemon meanwhile).
    public func storeRelease(_ id: Int, json: [UInt8]) async throws -> Bool {
        try await run("writing spor_releases") {
            let rows = try await client.query(
                "INSERT INTO spor_releases (id, release) VALUES (\(Int32(clamping: id)), \(ByteBuffer(bytes: json))) ON CONFLICT (id) DO NOTHING RETURNING id",
                logger: logger)
            var inserted = false
            for try await _ in rows.decode(Int32.self) { inserted = true }
            return inserted
        }
    }
}

extension PostgresLog {
    /// Records the pseudonymisation key's fingerprint unless one is recorded, and returns the one recorded.
    public func recordKeyFingerprint(_ fingerprint: String) async throws -> String {
        _ = try await run("recording the key fingerprint") {
            try await client.query(
                """
                INSERT INTO spor_store (name, value) VALUES (\(PostgresLogSchema.fingerprintName), \(fingerprint))
                ON CONFLICT (name) DO NOTHING
                """, logger: logger)
        }
        return try await keyFingerprint() ?? fingerprint
    }
}

extension PostgresLog {
    // MARK: - Copying

    /// The tokens, the audit trail and the releases, as a copy carries them; a table the database does not hold
    /// yet counts as empty.
    public func sideTables() async throws -> PostgresSideTables {
        var tables = PostgresSideTables()
        if try await hasTable("spor_tokens") {
            tables.tokens = try await run("reading spor_tokens") {
                var tokens: [PostgresSideTables.Token] = []
                let rows = try await client.query(
                    "SELECT name, record FROM spor_tokens ORDER BY created_order", logger: logger)
                for try await (name, record) in rows.decode((String, String).self) {
                    tokens.append(.init(name: name, record: record))
                }
                return tokens
            }
        }
        if try await hasTable("spor_audit") {
            tables.audit = try await run("reading spor_audit") {
                var lines: [PostgresSideTables.AuditLine] = []
                let rows = try await client.query("SELECT json, chain FROM spor_audit ORDER BY line", logger: logger)
                for try await (json, chain) in rows.decode((String, String).self) {
                    lines.append(.init(json: json, chain: chain))
                }
                return lines
            }
        }
        if try await hasTable("spor_releases") {
            tables.releases = try await run("reading spor_releases") {
                var releases: [PostgresSideTables.Release] = []
                let rows = try await client.query("SELECT id, release FROM spor_releases ORDER BY id", logger: logger)
                for try await (id, json) in rows.decode((Int32, ByteBuffer).self) {
                    releases.append(.init(id: Int(id), json: Array(json.readableBytesView)))
                }
                return releases
            }
        }
        return tables
    }

    /// Inserts `tables` into empty tables inside a copy's transaction (a table is refused when it holds rows and
    /// `tables` has some for it).
    func insert(_ tables: PostgresSideTables, _ connection: PostgresConnection) async throws {
        func refuseFilled(_ table: String, copying: Int) async throws {
            guard copying > 0 else { return }
            var existing: Int64 = 0
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: logger)
            for try await count in rows.decode(Int64.self) { existing = count }
            guard existing == 0 else {
                throw PostgresStoreError(
                    "\(table) already holds \(existing) rows; the folder's are copied only into an empty table")
            }
        }
        try await refuseFilled("spor_tokens", copying: tables.tokens.count)
        try await refuseFilled("spor_audit", copying: tables.audit.count)
        try await refuseFilled("spor_releases", copying: tables.releases.count)
        for token in tables.tokens {
            try await connection.query(
                "INSERT INTO spor_tokens (name, record) VALUES (\(token.name), \(token.record))", logger: logger)
        }
        for start in stride(from: 0, to: tables.audit.count, by: Self.rowsPerStatement) {
            let part = tables.audit[start..<min(start + Self.rowsPerStatement, tables.audit.count)]
            var binds = PostgresBindings(capacity: part.count * 3)
            var values: [String] = []
            for (index, line) in zip(part.indices, part) {
                let first = (index - start) * 3
                values.append("($\(first + 1), $\(first + 2), $\(first + 3))")
                binds.append(Int64(index + 1))
                binds.append(line.json)
                binds.append(line.chain)
            }
            let sql = "INSERT INTO spor_audit (line, json, chain) VALUES " + values.joined(separator: ", ")
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
        for release in tables.releases {
            try await connection.query(
                "INSERT INTO spor_releases (id, release) VALUES (\(Int32(clamping: release.id)), \(ByteBuffer(bytes: release.json)))",
                logger: logger)
        }
    }
}

extension PostgresLog {
    /// Whether the database holds the table `name` (a store copied in before the table was added may not).
    public func hasTable(_ name: String) async throws -> Bool {
        try await run("looking for \(name)") {
            var found = false
            let rows = try await client.query("SELECT to_regclass(\(name)) IS NOT NULL", logger: logger)
            for try await exists in rows.decode(Bool.self) { found = exists }
            return found
        }
    }
}
