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
        let spor = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("spor")
        guard FileManager.default.isExecutableFile(atPath: spor.path) else {
            throw ValidationError("\(spor.path) is missing: run `swift build -c release` first")
        }
        let folder = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("responses.csv")
        let jsonl = folder.appendingPathComponent("responses.jsonl")
        var rows: [(String, String, String)] = []
        func add(_ step: String, _ value: String, _ goal: String = "") {
            rows.append((step, value, goal))
            print("  \(step): \(value)")
        }

        print("generating \(responses) responses (seed \(seed)) in \(folder.path)")
        let data = SyntheticData(seed: seed, responses: responses)
        var seconds = try time { try data.writeCSV(to: csv) }
        seconds += try time { try data.writeJSONL(to: jsonl) }
        add("generate CSV + JSONL", format(seconds) + "  (CSV \(megabytes(csv)), JSONL \(megabytes(jsonl)))")
        // Write the generated files back now, so the first import's fsync does not wait for them.
        sync()

        let csvData = folder.appendingPathComponent("data-csv")
        seconds = try time { try run(spor, ["import", csv.path, "--data", csvData.path]) }
        add("spor import CSV", format(seconds) + "  \(rate(seconds)) rows/s", "< 5 s")

        let jsonlData = folder.appendingPathComponent("data-jsonl")
        seconds = try time { try run(spor, ["import", jsonl.path, "--data", jsonlData.path]) }
        add("spor import JSONL", format(seconds) + "  \(rate(seconds)) rows/s", "< 25 s")

        seconds = try time { try run(spor, ["import", csv.path, "--data", csvData.path]) }
        add("spor import CSV again (all already stored)", format(seconds))

        let before = residentBytes()
        var log: EventLog?
        seconds = try time {
            log = try EventLog.open(folder: csvData, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        }
        let after = residentBytes()
        add("open (replay)", format(seconds) + "  \(log!.opened.records) records", "< 2 s")
        add("resident memory after open",
            "\(after / 1_048_576) MB total, \(after / max(responses, 1)) bytes/response; "
                + "growth during open \((after - before) / max(responses, 1)) bytes/response", "< 100 bytes/response")
        await log?.close()
        log = nil

        seconds = try time { try run(spor, ["verify", "--data", csvData.path]) }
        add("spor verify", format(seconds), "< 5 s")

        let database = folder.appendingPathComponent("sqlite.db")
        seconds = try time { try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", Self.sqliteScript, csv.path, database.path]) }
        add("SQLite load CSV (python3 sqlite3, WAL, synchronous=FULL, one transaction)", format(seconds) + "  \(rate(seconds)) rows/s")

        let duckdb = folder.appendingPathComponent("duckdb.db")
        seconds = try time { try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", Self.duckdbScript, csv.path, duckdb.path]) }
        add("DuckDB load CSV (python3 duckdb, read_csv into a table)", format(seconds) + "  \(rate(seconds)) rows/s")

        print("\nSpor log benchmark, \(responses) responses, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let width = rows.map(\.0.count).max() ?? 0
        for (step, value, goal) in rows {
            print(step.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value + (goal.isEmpty ? "" : "   (goal \(goal))"))
        }

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

    private func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func run(_ executable: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(executable.lastPathComponent) \(arguments.first ?? "") exited with \(process.terminationStatus)")
        }
    }

    private func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

    private func megabytes(_ url: URL) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        return "\(size / 1_048_576) MB"
    }

    /// VmRSS from /proc/self/status, in bytes.
    private func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { return 0 }
        return kilobytes * 1024
    }
}
