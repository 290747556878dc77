import ArgumentParser
import Foundation
import SporTesting

/// `spor-bench stores`: durable writes per second and their p99 with the same load generator, in one run, on the
/// embedded log and on PostgreSQL with one and with two daemons (docs/postgresql.md); start time and memory per
/// daemon, reading the whole table and from a `--cache` snapshot. The PostgreSQL store is a throwaway cluster (scripts/postgres-cluster.sh, fsync on) holding a copy of
/// the imported log.
struct StoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stores", abstract: "Durable writes on the embedded log and on PostgreSQL, one and two daemons.")

    @Option(help: "Responses to generate and import before the daemons start.")
    var responses = 100_000
    @Option(help: "A scratch folder (emptied first).")
    var work = "/tmp/spor-bench-stores"
    @Option(help: "Concurrent connections of the load generator (split over the daemons).")
    var connections = 64
    @Option(help: "Seconds each load runs.")
    var duration = 10
    @Option(help: "The first port the daemons bind on 127.0.0.1 (the second daemon takes the next).")
    var port = 8090
    @Option(help: "The folder of the helper scripts.")
    var scripts = "scripts"
    @Option(help: "The `spor` binary to measure (default: the one beside spor-bench).")
    var spor: String?

    func run() async throws {
        let bench = try BenchRunner(work: work, spor: spor)
        let wrk = try BenchRunner.wrk()
        let csv = bench.folder.appendingPathComponent("responses.csv")
        try SyntheticData(seed: 15, responses: responses).writeCSV(to: csv)
        let data = bench.folder.appendingPathComponent("data")
        _ = try bench.run(bench.spor, ["import", csv.path, "--data", data.path])
        let post = bench.folder.appendingPathComponent("post.lua")

        // The embedded log, one daemon.
        var token = try bench.token(data: data, role: "admin")
        try LoadScripts.post(token: token).write(to: post, atomically: true, encoding: .utf8)
        let embedded = SporDaemon(spor: bench.spor, data: data, port: port)
        try await embedded.start()
        bench.add("embedded log: start until /healthz", BenchRunner.format(embedded.startSeconds))
        bench.add("embedded log: memory", "\(embedded.residentBytes / 1_048_576) MB")
        let embeddedWrites = try bench.wrk(
            wrk, script: post, url: embedded.base + "/v1/responses", connections: connections, duration: duration)
        bench.add("embedded log, 1 daemon: durable POST, \(connections) connections", embeddedWrites.summary)
        embedded.stop()

        // The same log copied into PostgreSQL.
        let cluster = bench.folder.appendingPathComponent("postgres")
        let clusterPort = port + 100
        let script = URL(fileURLWithPath: scripts).appendingPathComponent("postgres-cluster.sh")
        _ = try bench.run(script, ["start", cluster.path, String(clusterPort)])
        defer { _ = try? bench.run(script, ["stop", cluster.path]) }
        let store = "postgresql://postgres@/postgres?host=\(cluster.path)&port=\(clusterPort)"
        let copied = try bench.time {
            _ = try bench.run(bench.spor, ["store", "copy", "--from", data.path, "--to", store])
        }
        bench.add("spor store copy of the log into PostgreSQL", BenchRunner.format(copied))
        token =
            try bench.run(bench.spor, ["token", "create", "--store", store, "--role", "admin", "--name", "bench-pg"])
            .split(separator: "\n").first.map(String.init) ?? ""
        try LoadScripts.post(token: token).write(to: post, atomically: true, encoding: .utf8)

        // The first start reads the whole table; a clean stop leaves the snapshot in the cache folder, and the
        // next start reads only the rows after it.
        let cache = bench.folder.appendingPathComponent("cache-1")
        let cold = SporDaemon(spor: bench.spor, store: store, port: port, cache: cache)
        try await cold.start()
        bench.add("PostgreSQL: start until /healthz, reading the whole table", BenchRunner.format(cold.startSeconds))
        cold.stop()
        let otherCache = bench.folder.appendingPathComponent("cache-2")
        try FileManager.default.copyItem(at: cache, to: otherCache)

        let first = SporDaemon(spor: bench.spor, store: store, port: port, cache: cache)
        defer { first.stop() }
        try await first.start()
        bench.add("PostgreSQL: start until /healthz, from the --cache snapshot", BenchRunner.format(first.startSeconds))
        bench.add("PostgreSQL: memory of a daemon", "\(first.residentBytes / 1_048_576) MB")
        let one = try bench.wrk(
            wrk, script: post, url: first.base + "/v1/responses", connections: connections, duration: duration)
        bench.add("PostgreSQL, 1 daemon: durable POST, \(connections) connections", one.summary)

        let second = SporDaemon(spor: bench.spor, store: store, port: port + 1, cache: otherCache)
        defer { second.stop() }
        try await second.start()
        bench.add(
            "PostgreSQL: second daemon start until /healthz (its own --cache)", BenchRunner.format(second.startSeconds))
        bench.add("PostgreSQL: memory of the second daemon", "\(second.residentBytes / 1_048_576) MB")
        let half = max(1, connections / 2)
        let running = try bench.startWrk(
            wrk, script: post, url: first.base + "/v1/responses", connections: half, duration: duration)
        let other = try bench.wrk(
            wrk, script: post, url: second.base + "/v1/responses", connections: half, duration: duration)
        let mine = try bench.finish(running)
        bench.add("PostgreSQL, 2 daemons: durable POST, \(half) connections each, daemon 1", mine.summary)
        bench.add("PostgreSQL, 2 daemons: durable POST, \(half) connections each, daemon 2", other.summary)
        bench.add(
            "PostgreSQL, 2 daemons together",
            String(format: "%.0f/s", mine.requestsPerSecond + other.requestsPerSecond))
        let verified = try bench.run(bench.spor, ["verify", "--store", store])
        bench.add("spor verify --store after the load", verified.split(separator: "\n").first.map(String.init) ?? "")
        bench.printTable(title: "Durable writes: embedded log and PostgreSQL, \(responses) responses")
    }
}
