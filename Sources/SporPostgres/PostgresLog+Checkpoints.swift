import PostgresNIO

/// Signed heads of the log (`spor_checkpoints`, docs/postgresql.md): the same text as a data folder's checkpoint
/// file, one row each, appended and never changed (triggers refuse UPDATE, DELETE and TRUNCATE).
extension PostgresLog {
    /// Appends a checkpoint's text.
    public func appendCheckpoint(_ text: String) async throws {
        _ = try await run("writing spor_checkpoints") {
            try await client.query("INSERT INTO spor_checkpoints (checkpoint) VALUES (\(text))", logger: logger)
        }
    }

    /// Every checkpoint, oldest first: its row id and text; empty when there is none (or no table yet).
    public func checkpoints() async throws -> [(id: Int64, text: String)] {
        guard try await hasTable("spor_checkpoints") else { return [] }
        return try await run("reading spor_checkpoints") {
            var found: [(id: Int64, text: String)] = []
            let rows = try await client.query("SELECT id, checkpoint FROM spor_checkpoints ORDER BY id", logger: logger)
            for try await (id, text) in rows.decode((Int64, String).self) { found.append((id, text)) }
            return found
        }
    }
}
