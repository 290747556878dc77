/// The SQL that makes the log's tables in a database (docs/postgresql.md), each statement idempotent.
enum PostgresLogSchema {
    /// The key of the advisory transaction lock every change to `spor_log` (and the schema) takes first.
    static let lockKey: Int64 = 0x5350_4F52  // "SPOR"

    static let statements: [String] = [
        """
        CREATE TABLE IF NOT EXISTS spor_log (
          seq bigint PRIMARY KEY CHECK (seq >= 0),
          previous_hash bytea CHECK (previous_hash IS NULL OR length(previous_hash) = 32),
          hash bytea NOT NULL CHECK (length(hash) = 32),
          record bytea NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS spor_store (
          name text PRIMARY KEY,
          value text NOT NULL
        )
        """,
        """
        CREATE OR REPLACE FUNCTION spor_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'spor_log is append-only: % is refused', TG_OP USING ERRCODE = 'integrity_constraint_violation';
        END
        $$
        """,
        """
        CREATE OR REPLACE TRIGGER spor_log_append_only
          BEFORE UPDATE OR DELETE ON spor_log FOR EACH STATEMENT EXECUTE FUNCTION spor_log_refuse_change()
        """,
        """
        CREATE OR REPLACE TRIGGER spor_log_no_truncate
          BEFORE TRUNCATE ON spor_log FOR EACH STATEMENT EXECUTE FUNCTION spor_log_refuse_change()
        """,
    ]

    /// The `spor_store` row holding the pseudonymisation key's fingerprint (never the key).
    static let fingerprintName = "pseudonym_fingerprint"
}
