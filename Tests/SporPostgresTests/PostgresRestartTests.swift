import Foundation
import SporTesting
import Testing

/// PostgreSQL stopped and started again under a running daemon (docs/postgresql.md): while it is down writes are
/// answered with a 503 problem, nothing acknowledged is lost, and the daemon recovers without a restart.
// Needs PostgreSQL: `.ci/run` installs it and sets SPOR_TEST_POSTGRES; this test runs a cluster of its own with
// scripts/postgres-cluster.sh, as it stops the server.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct PostgresRestartTests {
    @Test func writesGet503WhilePostgreSQLIsDownAndTheDaemonRecovers() async throws {
        let cluster = Cluster()
        defer { _ = try? cluster.run("stop") }
        _ = try await TestDaemon.offPool { try cluster.run("start", port: true) }
        let store = "postgresql://postgres@/postgres?host=\(cluster.folder)&port=\(cluster.port)"
        let logs = try TemporaryFolder(prefix: "spor-pg-restart")
        defer { logs.remove() }
        let (staff, _) = try await TestDaemon.offPool { try TwoDaemonsTests.tokens(store) }
        let daemon = try await TestDaemon.start(store: store, folder: logs, name: "daemon")
        defer { daemon.stop() }
        var acknowledged = Set<UUID>()
        func write(_ index: Int) async -> Int? {
            let id = UUID()
            let answer = await daemon.request(
                "POST", "/v1/responses", token: staff, json: TwoDaemonsTests.response(id: id, index: index))
            if answer?.status == 201 { acknowledged.insert(id) }
            return answer?.status
        }
        for index in 0..<20 { #expect(await write(index) == 201) }

        _ = try await TestDaemon.offPool { try cluster.run("pause") }
        let started = Date()
        #expect(await write(20) == 503)
        // The daemon answers after its 5 s deadline; the slack is for a machine loaded by other tests.
        #expect(Date().timeIntervalSince(started) < 30)
        let problem = await daemon.request(
            "POST", "/v1/responses", token: staff, json: TwoDaemonsTests.response(id: UUID(), index: 21))
        #expect(problem?.status == 503)
        let detail = String(decoding: problem?.body ?? Data(), as: UTF8.self)
        #expect(detail.contains("unavailable"))

        _ = try await TestDaemon.offPool { try cluster.run("resume", port: true) }
        var recovered = false
        for index in 22..<80 where !recovered {
            recovered = await write(index) == 201
            if !recovered { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(recovered)
        for index in 100..<120 { #expect(await write(index) == 201) }
        try await TwoDaemonsTests.expectOneChain(store, holding: acknowledged, exactly: false)
    }

    /// A throwaway cluster of this test's own, run with scripts/postgres-cluster.sh.
    struct Cluster {
        let folder = "/tmp/spor-pg-restart-\(UInt32.random(in: 0...UInt32.max))"
        let port = Int.random(in: 55_000...59_000)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/postgres-cluster.sh").path

        /// Runs the script's `command` on the cluster, and throws unless it succeeds.
        @discardableResult
        func run(_ command: String, port withPort: Bool = false) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [script, command, folder] + (withPort ? [String(port)] : [])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 || command == "stop" else {
                throw TestDaemon.DaemonError(message: "postgres-cluster.sh \(command) failed")
            }
            return process.terminationStatus
        }
    }
}
