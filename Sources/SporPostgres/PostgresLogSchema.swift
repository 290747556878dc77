/// The SQL that makes the log's tables in a database (docs/postgresql.md), each statement idempotent.
enum PostgresLogSchema {
    /// The key of the advisory transaction lock every change to `spor_log` (and the schema) takes first.
    static let lockKey: Int64 = 0x5350_4F52  // "SPOR"
    /// How long a transaction waits for an advisory lock before it fails: the 5 s a request waits for the store
    /// (`StoreDeadline`), so a lock held by a stuck transaction gives a 503, not a request that hangs.
    static let lockTimeout = "5s"

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
          RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
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
        """
        CREATE OR REPLACE FUNCTION spor_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify(TG_ARGV[0], '');
          RETURN NULL;
        END
        $$
        """,
        """
        CREATE OR REPLACE TRIGGER spor_log_appended
          AFTER INSERT ON spor_log FOR EACH STATEMENT EXECUTE FUNCTION spor_log_notify('\(logChannel)')
        """,
        """
        CREATE TABLE IF NOT EXISTS spor_tokens (
          name text PRIMARY KEY,
          created_order bigserial UNIQUE,
          record text NOT NULL
        )
        """,
        """
        CREATE OR REPLACE TRIGGER spor_tokens_changed
          AFTER INSERT OR UPDATE ON spor_tokens FOR EACH STATEMENT EXECUTE FUNCTION spor_log_notify('\(tokensChannel)')
        """,
        """
        CREATE TABLE IF NOT EXISTS spor_audit (
          line bigint PRIMARY KEY CHECK (line >= 1),
          json text NOT NULL,
          chain text NOT NULL
        )
        """,
        """
        CREATE OR REPLACE TRIGGER spor_audit_append_only
          BEFORE UPDATE OR DELETE ON spor_audit FOR EACH STATEMENT EXECUTE FUNCTION spor_log_refuse_change()
        """,
        """
        CREATE OR REPLACE TRIGGER spor_audit_no_truncate
          BEFORE TRUNCATE ON spor_audit FOR EACH STATEMENT EXECUTE FUNCTION spor_log_refuse_change()
        """,
        """
        CREATE TABLE IF NOT EXISTS spor_releases (
          id integer PRIMARY KEY CHECK (id >= 1),
          release bytea NOT NULL
        )
        """,
        """
        CREATE OR REPLACE TRIGGER spor_releases_append_only
          BEFORE UPDATE OR DELETE ON spor_releases FOR EACH STATEMENT EXECUTE FUNCTION spor_log_refuse_change()
        """,
        """
        CREATE TABLE IF NOT EXISTS spor_checkpoints (
          id bigserial PRIMARY KEY,
          checkpoint text NOT NULL
        )
        """,
        """
        CREATE OR REPLACE TRIGGER spor_checkpoints_append_only
          BEFORE UPDATE OR DELETE ON spor_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION spor_log_refuse_change()
        """,
        """
        CREATE OR REPLACE TRIGGER spor_checkpoints_no_truncate
          BEFORE TRUNCATE ON spor_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION spor_log_refuse_change()
        """,
    ]

    /// The channel every insert into `spor_log` notifies (after its commit), so daemons read the new rows.
    static let logChannel = "spor_log"
    /// The channel a created or revoked token notifies.
    static let tokensChannel = "spor_tokens"
    /// The key of the advisory transaction lock every append to `spor_audit` takes.
    static let auditLockKey: Int64 = 0x5350_4F41  // "SPOA"

    /// The `spor_store` row holding the pseudonymisation key's fingerprint (never the key).
    static let fingerprintName = "pseudonym_fingerprint"
}
