import ArgumentParser
import Foundation
import Logging
import SporLog
import SporTesting

/// `spor-bench log`: import, open, memory and verify of the event log, against SQLite and DuckDB loading the same CSV.
struct LogBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Measure import (CSV, JSONL), open, resident memory and verify of the log.")

    @Option(help: "Responses to generate.")
    var responses = 5_000_000

    @Option(help: "A scratch folder (emptied first).")
    var work = "/tmp/spor-bench"

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 2026

    func run() async throws {
        let bench = try BenchRunner(work: work)
        let spor = bench.spor
        let folder = bench.folder
        let csv = folder.appendingPathComponent("responses.csv")
        let jsonl = folder.appendingPathComponent("responses.jsonl")
        let format = BenchRunner.format

        print("generating \(responses) responses (seed \(seed)) in \(folder.path)")
        let data = SyntheticData(seed: seed, responses: responses)
        var seconds = try bench.time { try data.writeCSV(to: csv) }
        seconds += try bench.time { try data.writeJSONL(to: jsonl) }
        bench.add("generate CSV + JSONL", format(seconds) + "  (CSV \(megabytes(csv)), JSONL \(megabytes(jsonl)))")
        // Write the generated files back now, so the first import's fsync does not wait for them.
        sync()

        let csvData = folder.appendingPathComponent("data-csv")
        seconds = try bench.time { try bench.run(spor, ["import", csv.path, "--data", csvData.path]) }
        bench.add("spor import CSV", format(seconds) + "  \(rate(seconds)) rows/s", "< 5 s")

        let jsonlData = folder.appendingPathComponent("data-jsonl")
        seconds = try bench.time { try bench.run(spor, ["import", jsonl.path, "--data", jsonlData.path]) }
        bench.add("spor import JSONL", format(seconds) + "  \(rate(seconds)) rows/s", "< 25 s")

        seconds = try bench.time { try bench.run(spor, ["import", csv.path, "--data", csvData.path]) }
        bench.add("spor import CSV again (all already stored)", format(seconds))

        let before = BenchRunner.residentBytes()
        var log: EventLog?
        seconds = try bench.time {
            log = try EventLog.open(
                folder: csvData, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        }
        let after = BenchRunner.residentBytes()
        bench.add("open (replay)", format(seconds) + "  \(log!.opened.records) records", "< 2 s")
        bench.add(
            "resident memory after open",
            "\(after / 1_048_576) MB total, \(after / max(responses, 1)) bytes/response; "
                + "growth during open \((after - before) / max(responses, 1)) bytes/response", "< 100 bytes/response")
        await log?.close()
        log = nil

        seconds = try bench.time { try bench.run(spor, ["verify", "--data", csvData.path]) }
        bench.add("spor verify", format(seconds), "< 5 s")

        let python = URL(fileURLWithPath: "/usr/bin/env")
        let database = folder.appendingPathComponent("sqlite.db")
        seconds = try bench.time {
            try bench.run(python, ["python3", "-c", Self.sqliteScript, csv.path, database.path])
        }
        bench.add(
            "SQLite load CSV (python3 sqlite3, WAL, synchronous=FULL, one transaction)",
            format(seconds) + "  \(rate(seconds)) rows/s")

        let duckdb = folder.appendingPathComponent("duckdb.db")
        seconds = try bench.time { try bench.run(python, ["python3", "-c", Self.duckdbScript, csv.path, duckdb.path]) }
        bench.add(
            "DuckDB load CSV (python3 duckdb, read_csv into a table)", format(seconds) + "  \(rate(seconds)) rows/s")

        bench.printTable(title: "Spor log benchmark, \(responses) responses")

        func rate(_ seconds: Double) -> String { String(Int(Double(responses) / max(seconds, 0.001))) }
    }

    static let sqliteScript = """
        import csv, sqlite3, sys
        con = sqlite3.connect(sys.argv[2])
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE responses (id TEXT PRIMARY KEY, citizen TEXT, instrument TEXT, administeredAt TEXT, item1 INT, item2 INT, item3 INT, item4 INT, item5 INT, unit TEXT, intervention TEXT, mode TEXT)")
        with open(sys.argv[1], newline="") as f:
            rows = csv.reader(f)
            next(rows)
            con.executemany("INSERT INTO responses VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        con.commit()
        con.close()
        """

    /// Needs `pip install duckdb`.
    static let duckdbScript = """
        import duckdb, sys
        con = duckdb.connect(sys.argv[2])
        con.execute("CREATE TABLE responses AS SELECT * FROM read_csv(?, header=true)", [sys.argv[1]])
        con.close()
        """

    private func megabytes(_ url: URL) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        return "\(size / 1_048_576) MB"
    }
}
