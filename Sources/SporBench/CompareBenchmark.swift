import ArgumentParser
import Foundation
import SporTesting

/// `spor-bench compare`: every figure a user waits for, Spor beside its peer measured in the same run on the
/// same generated data: DuckDB for the import and the trend report (scripts/duckdb-load.py,
/// scripts/report-bench-duckdb.py, which also checks that both reports agree cell by cell), PostgreSQL 15 via
/// pgbench for durable writes (a throwaway cluster, scripts/postgres-cluster.sh), and the daemon's own goals.
struct CompareBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Spor beside DuckDB and PostgreSQL in one run: import, reports, start, attention list, writes, reads."
    )

    @Option(help: "Responses to generate.")
    var responses = 5_000_000

    @Option(help: "A scratch folder (emptied first; the PostgreSQL cluster lives in a folder of its own in /tmp).")
    var work = "/tmp/spor-compare-bench"

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 2026

    @Option(help: "Concurrent connections of the load generators (wrk and pgbench).")
    var connections = 64

    @Option(help: "Seconds each load runs.")
    var duration = 20

    @Option(help: "The port the daemon binds on 127.0.0.1.")
    var port = 18_182

    @Option(help: "The folder of the helper scripts.")
    var scripts = "scripts"

    @ArgumentParser.Flag(help: "Skip PostgreSQL (no pgbench row).")
    var skipPostgres = false

    @Option(
        help: """
            Measure only these rows, comma-separated: \(Row.allCases.map(\.rawValue).joined(separator: ", ")) \
            (default: all). The import and the daemon still run when a chosen row needs them.
            """)
    var only: String?

    /// The groups of rows `--only` chooses from.
    enum Row: String, CaseIterable {
        case `import`, report, start, attention, writes, reads, memory
    }

    func validate() throws {
        for name in chosen ?? [] where Row(rawValue: name) == nil {
            throw ValidationError(
                "--only: no row \(name) (use \(Row.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    private var chosen: [String]? {
        only.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    private func wants(_ row: Row) -> Bool { chosen?.contains(row.rawValue) ?? true }

    func run() async throws {
        let bench = try BenchRunner(work: work)
        var table = ComparisonTable()

        print("generating \(responses) responses (seed \(seed)) in \(bench.folder.path)")
        let csv = bench.folder.appendingPathComponent("responses.csv")
        try SyntheticData(seed: seed, responses: responses).writeCSV(to: csv)

        let data = bench.folder.appendingPathComponent("data")
        let spor = bench.spor
        if wants(.import) {
            let python = URL(fileURLWithPath: "/usr/bin/env")
            let script = { (name: String) in URL(fileURLWithPath: scripts).appendingPathComponent(name).path }
            let duckLoad = try Self.duckdbSeconds(
                try bench.run(
                    python,
                    [
                        "python3", script("duckdb-load.py"), csv.path,
                        bench.folder.appendingPathComponent("duck.db").path,
                    ]))
            let imported = try bench.time { try bench.run(spor, ["import", csv.path, "--data", data.path]) }
            table.add("spor import of the CSV", spor: imported, peer: duckLoad, peerName: "DuckDB load", goal: 2)
            try measureDiskFloor(bench: bench, data: data, peer: duckLoad, table: &table)
        } else {
            try bench.run(spor, ["import", csv.path, "--data", data.path])
        }
        if wants(.report) { try compareReports(bench: bench, csv: csv, data: data, table: &table) }
        if [.start, .attention, .writes, .reads, .memory].contains(where: wants) {
            try await measureDaemon(bench: bench, csv: csv, data: data, table: &table)
        }
        table.print(
            title: "Spor beside its peers, \(responses) responses, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(Self.today())")
    }

    /// As many bytes as the import left durable (the log's segments and the snapshot), written by `dd` with one
    /// `fdatasync` at the end: the least time the import can take on this disk without writing less.
    private func measureDiskFloor(
        bench: BenchRunner, data: URL, peer: Double, table: inout ComparisonTable
    ) throws {
        let written = try FileManager.default.contentsOfDirectory(at: data, includingPropertiesForKeys: [.fileSizeKey])
            .filter { $0.lastPathComponent.hasPrefix("segment-") || $0.lastPathComponent == "dataset.snapshot" }
            .reduce(0) { $0 + (try $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
        let megabytes = (written + (1 << 20) - 1) >> 20
        let target = bench.folder.appendingPathComponent("floor.bin")
        defer { try? FileManager.default.removeItem(at: target) }
        let seconds = try bench.time {
            try bench.run(
                URL(fileURLWithPath: "/bin/dd"),
                ["if=/dev/zero", "of=\(target.path)", "bs=1M", "count=\(megabytes)", "conv=fdatasync", "status=none"])
        }
        table.add(
            "floor: dd writes the import's \(megabytes) MB durably", floor: seconds, peer: peer, peerName: "DuckDB load"
        )
    }

    /// The first and a later cold `spor report` beside DuckDB's query of the same CSV.
    private func compareReports(bench: BenchRunner, csv: URL, data: URL, table: inout ComparisonTable) throws {
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let script = { (name: String) in URL(fileURLWithPath: scripts).appendingPathComponent(name).path }
        let spor = bench.spor

        let reportArguments = [
            "report", "--instrument", "who5", "--period", "quarter", "--by", "unit", "--format", "json",
            "--data", data.path,
        ]
        let reportJSON = bench.folder.appendingPathComponent("report.json")
        var output = ""
        let firstReport = try bench.time { output = try bench.run(spor, reportArguments) }
        try Data(output.utf8).write(to: reportJSON)
        let duckReport = try Self.duckdbSeconds(
            try bench.run(
                python,
                ["python3", script("report-bench-duckdb.py"), csv.path, "who5", "quarter", "unit", reportJSON.path]))
        table.add(
            "first spor report after the import", spor: firstReport, peer: duckReport, peerName: "DuckDB query",
            goal: 2)
        let laterReport = try bench.time { try bench.run(spor, reportArguments) }
        table.add("a later cold spor report", spor: laterReport, peer: duckReport, peerName: "DuckDB query", goal: 2)
    }

    /// The daemon's start, attention lists, writes, reads and memory.
    private func measureDaemon(bench: BenchRunner, csv: URL, data: URL, table: inout ComparisonTable) async throws {
        let wrk = try BenchRunner.wrk()
        let citizens = try ServerBenchmark.citizenCount(in: csv)
        let spor = bench.spor
        let tokens = try Self.tokens(bench: bench, data: data)
        let daemon = SporDaemon(spor: spor, data: data, port: port)
        defer { daemon.stop() }
        try await daemon.start()
        table.add("spor serve until /healthz answers", seconds: daemon.startSeconds, goal: "< 2 s")
        if wants(.memory) {
            table.add("daemon memory right after the start", memory: daemon.residentBytes, goal: "< 1 GB")
        }

        if wants(.attention) { try measureAttention(daemon: daemon, tokens: tokens, table: &table) }
        var peerWrites: (perSecond: Double, p99Milliseconds: Double)?
        let post = bench.folder.appendingPathComponent("post.lua")
        try LoadScripts.post(token: tokens.admin).write(to: post, atomically: true, encoding: .utf8)
        if wants(.writes) {
            peerWrites = try measureWrites(
                bench: bench, wrk: wrk, post: post, daemon: daemon, tokens: tokens, table: &table)
        }
        let get = bench.folder.appendingPathComponent("get.lua")
        try LoadScripts.get(token: tokens.admin, citizens: citizens).write(to: get, atomically: true, encoding: .utf8)
        if wants(.reads) {
            let reads = try bench.wrk(wrk, script: get, url: daemon.base, connections: connections, duration: duration)
            table.add(
                "audited trajectory GET, \(connections) connections", rate: reads, peer: nil, peerName: "",
                goal: "≥ 20,000/s")
        }
        if wants(.memory) { table.add("daemon memory after the loads", memory: daemon.residentBytes, goal: "< 1 GB") }
        if wants(.writes) || wants(.reads) {
            let getBytes = try daemon.answerBytes("GET", "/v1/citizens/c-1/trajectory", token: tokens.admin)
            let postBytes = try daemon.answerBytes(
                "POST", "/v1/responses", token: tokens.admin,
                json: #"{"id":"\#(UUID().uuidString.lowercased())","citizen":"bench-1","instrument":"who5","#
                    + #""administeredAt":"2026-06-01","answers":[1,2,3,4,5],"unit":"bench-unit","#
                    + #""intervention":"SEL85"}"#)
            daemon.stop()
            try await measureFloor(
                bench: bench, wrk: wrk, scripts: (get, post), bytes: (getBytes, postBytes), peerWrites: peerWrites,
                table: &table)
        }
    }

    /// The same loads against Hummingbird alone (``FloorServer``), answering bodies as long as the daemon's: the
    /// most any request through this HTTP stack reaches on this machine, the floor under the rows above.
    private func measureFloor(
        bench: BenchRunner, wrk: URL, scripts: (get: URL, post: URL), bytes: (get: Int, post: Int),
        peerWrites: (perSecond: Double, p99Milliseconds: Double)?, table: inout ComparisonTable
    ) async throws {
        let floor = SporDaemon(floorServerOn: port, getBytes: bytes.get, postBytes: bytes.post)
        defer { floor.stop() }
        try await floor.start()
        if wants(.writes) {
            let writes = try bench.wrk(
                wrk, script: scripts.post, url: floor.base + "/v1/responses", connections: connections,
                duration: duration)
            table.add(
                "floor: Hummingbird alone answers the POSTs (\(bytes.post) B, no Spor code)", rate: writes,
                peer: peerWrites, peerName: "PostgreSQL INSERT (pgbench)", goal: "the most the POST row can reach")
        }
        if wants(.reads) {
            let reads = try bench.wrk(
                wrk, script: scripts.get, url: floor.base, connections: connections, duration: duration)
            table.add(
                "floor: Hummingbird alone answers the GETs (\(bytes.get) B, no Spor code)", rate: reads, peer: nil,
                peerName: "", goal: "the most the GET row can reach")
        }
    }

    private func measureAttention(daemon: SporDaemon, tokens: Tokens, table: inout ComparisonTable) throws {
        for (name, token) in [("case worker", tokens.caseworker), ("staff member of 3 units", tokens.staff)] {
            var times = try (0..<21).map { _ in try daemon.timedGET("/v1/attention", token: token) }
            times.sort()
            table.add("attention list for a \(name) (median of 21, curl)", seconds: times[10], goal: "< 20 ms")
        }
    }

    /// Durable writes beside PostgreSQL's, then again while trend reports run back to back.
    /// Returns pgbench's rate, unless skipped.
    private func measureWrites(
        bench: BenchRunner, wrk: URL, post: URL, daemon: SporDaemon, tokens: Tokens, table: inout ComparisonTable
    ) throws -> (perSecond: Double, p99Milliseconds: Double)? {
        let script = { (name: String) in URL(fileURLWithPath: scripts).appendingPathComponent(name).path }

        let writes = try bench.wrk(
            wrk, script: post, url: daemon.base + "/v1/responses", connections: connections,
            duration: duration)
        var peerWrites: (perSecond: Double, p99Milliseconds: Double)?
        if !skipPostgres {
            let cluster = try PostgresPeer(
                script: URL(fileURLWithPath: script("postgres-cluster.sh")),
                folder: URL(fileURLWithPath: "/tmp/spor-compare-postgres-\(getpid())"))
            defer { cluster.stop() }
            try cluster.prepare(rows: responses)
            peerWrites = try cluster.insertRate(clients: connections, seconds: duration)
        }
        table.add(
            "durable POST /v1/responses, \(connections) connections", rate: writes,
            peer: peerWrites, peerName: "PostgreSQL INSERT (pgbench)", goal: "≥ 2× peer, p99 < 50 ms")

        // curl reads the token from a file only this user can read, so `ps` does not show it.
        let header = bench.folder.appendingPathComponent("admin.header")
        FileManager.default.createFile(
            atPath: header.path, contents: Data("Authorization: Bearer \(tokens.admin)\n".utf8),
            attributes: [.posixPermissions: 0o600])
        let writesBesideReports = try writesBeside(
            "while :; do curl -s -o /dev/null -H @'\(header.path)' "
                + "'\(daemon.base)/v1/reports/trends?instrument=who5&period=month&by=unit'; done",
            bench: bench, wrk: wrk, post: post, daemon: daemon)
        table.add(
            "durable POST while trend reports run back to back", rate: writesBesideReports, peer: nil,
            peerName: "", goal: "no write waits for a report")
        let writesBesideBusyLoop = try writesBeside(
            "while :; do :; done", bench: bench, wrk: wrk, post: post, daemon: daemon)
        table.add(
            "floor: the same POSTs beside a busy loop outside Spor (a report's share of the cores, no lock)",
            rate: writesBesideBusyLoop, peer: nil, peerName: "", goal: "")
        return peerWrites
    }

    /// The durable-write load while `command` runs in a shell beside it.
    private func writesBeside(
        _ command: String, bench: BenchRunner, wrk: URL, post: URL, daemon: SporDaemon
    ) throws -> BenchRunner.WrkResult {
        let beside = Process()
        beside.executableURL = URL(fileURLWithPath: "/bin/sh")
        beside.arguments = ["-c", command]
        try beside.run()
        defer {
            // SIGKILL: the shell starts with the signal mask of the thread that ran it, which blocks SIGTERM.
            kill(beside.processIdentifier, SIGKILL)
            beside.waitUntilExit()
        }
        return try bench.wrk(
            wrk, script: post, url: daemon.base + "/v1/responses", connections: connections, duration: duration)
    }

    private struct Tokens {
        var admin: String
        var caseworker: String
        var staff: String
    }

    private static func tokens(bench: BenchRunner, data: URL) throws -> Tokens {
        Tokens(
            admin: try bench.token(data: data, role: "admin"),
            caseworker: try bench.token(data: data, role: "caseworker"),
            staff: try bench.token(data: data, role: "staff", units: Array(SyntheticData.units.prefix(3))))
    }

    /// The seconds in a DuckDB script's `duckdb seconds S` line.
    private static func duckdbSeconds(_ output: String) throws -> Double {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("duckdb seconds ") }),
            let seconds = Double(line.dropFirst(15).prefix { $0 != " " })
        else { throw ValidationError("the DuckDB script printed no time:\n\(output)") }
        return seconds
    }

    private static func today() -> String {
        Date().formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}
