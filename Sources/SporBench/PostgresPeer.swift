import ArgumentParser
import Foundation

/// PostgreSQL 15 as the durable-write peer: a throwaway cluster (scripts/postgres-cluster.sh: its own folder, a
/// unix socket, fsync and synchronous commit on, as installed) holding a `responses` table with the same columns
/// and as many rows as the Spor log, loaded by pgbench with one single-row INSERT per transaction.
final class PostgresPeer {
    private let script: URL
    private let folder: URL
    private let connection: [String]

    /// Starts the cluster in `folder` (which must be reachable by the `postgres` user when run as root).
    init(script: URL, folder: URL, port: Int = 54_329) throws {
        self.script = script
        self.folder = folder
        let printed = try BenchRunner.run(script, ["start", folder.path, String(port)])
        guard printed.hasPrefix("host=") else { throw ValidationError("postgres-cluster.sh printed: \(printed)") }
        connection = ["-h", folder.path, "-p", String(port), "-U", "postgres"]
    }

    /// Creates the table and fills it with `rows` rows, as many as the log it is compared with holds.
    func prepare(rows: Int) throws {
        try psql(
            """
            CREATE TABLE responses (id uuid PRIMARY KEY, citizen text NOT NULL, instrument text NOT NULL,
              administered_at date NOT NULL, answers smallint[] NOT NULL, unit text, intervention text,
              recorded_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            INSERT INTO responses (id, citizen, instrument, administered_at, answers, unit, intervention)
              SELECT gen_random_uuid(), 'c-' || (n % 1000000), 'who5', DATE '2025-01-01' + (n % 500),
                     ARRAY[n % 6, (n + 1) % 6, (n + 2) % 6, (n + 3) % 6, (n + 4) % 6]::smallint[], 'unit-' || (n % 40),
                     'SEL85'
              FROM generate_series(1, \(rows)) AS n
            """,
            "VACUUM ANALYZE responses", "CHECKPOINT")
    }

    /// pgbench with `clients` connections for `seconds`: one INSERT of one new response per transaction.
    func insertRate(clients: Int, seconds: Int) throws -> (perSecond: Double, p99Milliseconds: Double) {
        let transaction = folder.appendingPathComponent("insert.sql")
        try """
        \\set c random(1, 10000)
        \\set a random(0, 5)
        INSERT INTO responses (id, citizen, instrument, administered_at, answers, unit, intervention) VALUES (gen_random_uuid(), 'bench-' || :c, 'who5', DATE '2026-06-01', ARRAY[:a, 1, 2, 3, 4]::smallint[], 'bench-unit', 'SEL85');
        """.write(to: transaction, atomically: true, encoding: .utf8)
        let logs = folder.appendingPathComponent("pgbench-log")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        // pgbench ends a timed run on SIGALRM, which a child of this process inherits blocked: perl clears the
        // signal mask before it becomes pgbench.
        let report = try BenchRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "perl", "-MPOSIX", "-e", "sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die; exec @ARGV or die",
                "pgbench", "-n", "-c", String(clients), "-j", "2", "-T", String(seconds), "-f", transaction.path,
                "-l", "--log-prefix", logs.appendingPathComponent("tx").path,
            ] + connection + ["postgres"])
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let rate = Double(line.dropFirst(6).prefix { $0 != " " })
        else { throw ValidationError("pgbench printed no rate:\n\(report)") }
        // Each log line: client, transaction, latency in microseconds, script, epoch seconds, microseconds.
        var latencies: [Int] = []
        for file in try FileManager.default.contentsOfDirectory(at: logs, includingPropertiesForKeys: nil) {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count > 2, let micros = Int(fields[2]) { latencies.append(micros) }
            }
        }
        latencies.sort()
        let p99 = latencies.isEmpty ? 0 : Double(latencies[min(latencies.count - 1, latencies.count * 99 / 100)]) / 1000
        return (rate, p99)
    }

    /// Stops the cluster and removes its folder.
    func stop() {
        _ = try? BenchRunner.run(script, ["stop", folder.path])
    }

    /// Runs each statement in its own transaction.
    private func psql(_ statements: String...) throws {
        try BenchRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["psql", "-q", "-v", "ON_ERROR_STOP=1"] + connection + ["-d", "postgres"]
                + statements.flatMap { ["-c", $0] })
    }
}
