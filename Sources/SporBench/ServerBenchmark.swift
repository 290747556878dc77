import ArgumentParser
import Foundation
import SporInstruments
import SporTesting

/// `spor-bench server`: durable writes and trajectory reads over HTTP against a real `spor serve`, driven by
/// wrk (Debian's package `wrk`) from a second process on loopback.
struct ServerBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract:
            "Measure durable POST /v1/responses and GET trajectory throughput and latency of `spor serve` with wrk.")

    @Option(help: "Responses to generate and import before the daemon starts.")
    var responses = 5_000_000

    @Option(help: "A scratch folder (emptied first).")
    var work = "/tmp/spor-server-bench"

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 2026

    @Option(help: "Concurrent connections of the load generator.")
    var connections = 64

    @Option(help: "Seconds each load runs.")
    var duration = 20

    @Option(help: "The port the daemon binds on 127.0.0.1.")
    var port = 18_181

    @Option(help: "The `spor` binary to measure (default: the one beside spor-bench), e.g. an earlier build's.")
    var spor: String?

    func run() async throws {
        let bench = try BenchRunner(work: work, spor: spor)
        let wrk = try BenchRunner.wrk()

        print("generating \(responses) responses (seed \(seed)) in \(bench.folder.path)")
        let csv = bench.folder.appendingPathComponent("responses.csv")
        var seconds = try bench.time { try SyntheticData(seed: seed, responses: responses).writeCSV(to: csv) }
        let citizens = try Self.citizenCount(in: csv)
        bench.add("generate CSV", BenchRunner.format(seconds) + "  (\(citizens) citizens)")

        let data = bench.folder.appendingPathComponent("data")
        seconds = try bench.time { _ = try bench.run(bench.spor, ["import", csv.path, "--data", data.path]) }
        bench.add("spor import CSV", BenchRunner.format(seconds))
        let token = try bench.token(data: data, role: "admin")
        let caseworker = try bench.token(data: data, role: "caseworker")
        let staff = try bench.token(data: data, role: "staff", units: [SyntheticData.units[0]])
        let staffOfTwo = try bench.token(data: data, role: "staff", units: Array(SyntheticData.units[0...1]))

        var daemon = SporDaemon(spor: bench.spor, data: data, port: port)
        defer { daemon.stop() }
        try await daemon.start()
        let base = daemon.base
        bench.add(
            "daemon start (open + dataset) until /healthz answers", BenchRunner.format(daemon.startSeconds), "< 2 s")
        let resident = daemon.residentBytes
        bench.add(
            "daemon memory holding \(responses) responses",
            "\(resident / 1_048_576) MB, \(resident / max(responses, 1)) bytes/response", "< 1 GB")

        // The daemon builds the attention list it keeps in the background after a start; the first list waits for it.
        let first = try bench.time {
            _ = try bench.run(
                URL(fileURLWithPath: "/usr/bin/curl"),
                [
                    "-sf", "-o", "/dev/null", "-H", "Authorization: Bearer \(caseworker)", base + "/v1/attention",
                ])
        }
        bench.add("the first GET /v1/attention after the start", BenchRunner.format(first))
        for (name, attentionToken) in [
            ("a case worker", caseworker), ("staff of one unit", staff), ("staff of two units", staffOfTwo),
        ] {
            let script = bench.folder.appendingPathComponent("attention.lua")
            try LoadScripts.get(token: attentionToken, path: "/v1/attention").write(
                to: script, atomically: true, encoding: .utf8)
            let list = try bench.wrk(wrk, script: script, url: base, connections: 1, duration: max(3, duration / 4))
            bench.add("GET /v1/attention (100 most urgent), \(name), 1 connection", list.summary, "< 20 ms")
        }

        let post = bench.folder.appendingPathComponent("post.lua")
        try LoadScripts.post(token: token).write(to: post, atomically: true, encoding: .utf8)
        let writes = try bench.wrk(
            wrk, script: post, url: base + "/v1/responses", connections: connections, duration: duration)
        bench.add(
            "POST /v1/responses, durable, \(connections) connections",
            writes.summary, "≥ 10,000/s, p99 < 50 ms")

        // The same writes while one client asks for a trend report over every response, again and again.
        let trends = bench.folder.appendingPathComponent("trends.lua")
        try LoadScripts.get(token: caseworker, path: "/v1/reports/trends?instrument=who5&period=quarter&by=unit")
            .write(to: trends, atomically: true, encoding: .utf8)
        let reporting = try bench.startWrk(wrk, script: trends, url: base, connections: 1, duration: duration)
        let writesDuringReports = try bench.wrk(
            wrk, script: post, url: base + "/v1/responses", connections: connections, duration: duration)
        let reports = try bench.finish(reporting)
        bench.add(
            "POST /v1/responses as above, while trend reports run back to back",
            writesDuringReports.summary, "p99 as without reports")
        bench.add("GET /v1/reports/trends (WHO-5, quarter × unit) during those writes, 1 connection", reports.summary)

        let get = bench.folder.appendingPathComponent("get.lua")
        try LoadScripts.get(token: token, citizens: citizens).write(to: get, atomically: true, encoding: .utf8)
        let reads = try bench.wrk(wrk, script: get, url: base, connections: connections, duration: duration)
        bench.add(
            "GET /v1/citizens/{citizen}/trajectory, audited, \(connections) connections", reads.summary, "≥ 20,000/s")

        bench.add("daemon memory after the load", "\(daemon.residentBytes / 1_048_576) MB")
        bench.add("exit status after SIGTERM", String(daemon.stop()))
        daemon = SporDaemon(spor: bench.spor, data: data, port: port)
        try await daemon.start()
        bench.add(
            "daemon restart after SIGTERM until /healthz answers", BenchRunner.format(daemon.startSeconds), "< 2 s")
        daemon.stop()
        bench.printTable(title: "Spor server benchmark, \(responses) responses")
    }

    /// The number of citizens in a generated CSV: they are `c-1` … `c-N` in order, so the last line names `c-N`.
    static func citizenCount(in csv: URL) throws -> Int {
        let handle = try FileHandle(forReadingFrom: csv)
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
        let tail = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        guard let line = tail.split(separator: "\n").last, let field = line.split(separator: ",").dropFirst().first,
            field.hasPrefix("c-"), let count = Int(field.dropFirst(2))
        else { throw ValidationError("\(csv.path) does not end with a generated response") }
        return count
    }
}
