import Foundation
import PostgresNIO
import SporInstruments
import SporTesting
import Testing

/// The real `spor` binary moving a log into PostgreSQL and back and walking the chain there.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct StoreCommandTests {
    /// `--cache` on the commands: a command that read many rows leaves a snapshot in the folder, and a later
    /// command answers from it and the rows after it, as the store itself answers.
    @Test func aCommandLeavesASnapshotInItsCacheThatLaterCommandsUse() async throws {
        let folder = try TemporaryFolder(prefix: "spor-pg-cli-cache")
        defer { folder.remove() }
        // More rows than the (hidden, lowered) threshold after which a command leaves a fresh snapshot.
        let data = SyntheticData(seed: 57, responses: 1_000)
        let threshold = ["--snapshot-after", "500"]
        let csv = folder.path("data.csv")
        try data.writeCSV(to: csv)
        let cache = folder.path("cache")
        let snapshot = cache.appendingPathComponent("dataset.snapshot")
        try await TestPostgres.withDatabase { store, _ in
            func spor(_ arguments: [String]) async throws -> SporBinary.Result {
                try await TestDaemon.spor(arguments + ["--store", store])
            }
            let imported = try await spor(["import", csv.path])
            #expect(imported.status == 0, "\(imported.stderr)")

            let report = try await spor(
                ["report", "--instrument", "who5", "--format", "json", "--cache", cache.path] + threshold)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(FileManager.default.fileExists(atPath: snapshot.path))
            let written = try Data(contentsOf: snapshot)

            let recorded = try await spor([
                "record", "--citizen", "c-after-cache", "--instrument", "who5", "--date", "2026-06-01", "--answers",
                "1,2,3,4,5",
            ])
            #expect(recorded.status == 0, "\(recorded.stderr)")
            for citizen in ["c-after-cache", data.all()[0].citizen.rawValue] {
                let cached = try await spor(
                    ["trajectory", citizen, "--format", "json", "--cache", cache.path] + threshold)
                let direct = try await spor(["trajectory", citizen, "--format", "json"])
                #expect(cached.status == 0, "\(cached.stderr)")
                #expect(cached.stdout == direct.stdout)
                #expect(cached.stdout.contains("\"citizen\""), "\(cached.stdout)")
            }
            // One row after the snapshot: it is read, not written again.
            #expect(try Data(contentsOf: snapshot) == written)

            // A cache that cannot be a folder (a file stands there): the command answers from the table, and says
            // only that no snapshot was written.
            let blocked = folder.path("not-a-folder")
            try Data("x".utf8).write(to: blocked)
            let uncached = try await spor(
                ["trajectory", "c-after-cache", "--format", "json", "--cache", blocked.path] + threshold)
            #expect(uncached.status == 0, "\(uncached.stderr)")
            #expect(uncached.stdout == (try await spor(["trajectory", "c-after-cache", "--format", "json"])).stdout)
            #expect(uncached.stderr.contains("no snapshot written"), "\(uncached.stderr)")
            #expect(!uncached.stderr.contains("c-after-cache"), "\(uncached.stderr)")

            let refused = try await TestDaemon.spor([
                "trajectory", "c-1", "--data", folder.path("data").path, "--cache", cache.path,
            ])
            #expect(refused.status == 64)
            #expect(refused.stderr.contains("--cache goes with --store"), "\(refused.stderr)")
            // A command that never loads the responses does not take it, rather than ignore it.
            let notTaken = try await TestDaemon.spor(["token", "list", "--store", store, "--cache", cache.path])
            #expect(notTaken.status == 64)
            #expect(notTaken.stderr.contains("Unknown option '--cache'"), "\(notTaken.stderr)")
        }
    }

    @Test func copyInVerifyCopyBackAndFindATamperedRow() async throws {
        let log = try await TestLog.make()
        defer { log.folder.remove() }
        let back = try TemporaryFolder(prefix: "spor-pg-cli")
        defer { back.remove() }
        try await TestPostgres.withDatabase { database, client in
            // The server trusts local connections, so a password in the URL is accepted and must never be printed.
            let password = "secret-word-17"
            let store = database.replacingOccurrences(of: "://postgres@", with: "://postgres:\(password)@")
            var outputs: [String] = []
            func spor(_ arguments: [String], environment: [String: String] = [:]) throws -> SporBinary.Result {
                let result = try SporBinary.run(arguments, environment: environment)
                outputs.append(result.stdout + result.stderr)
                return result
            }

            let copyIn = try spor(["store", "copy", "--from", log.folder.url.path, "--to", store])
            #expect(copyIn.status == 0, "\(copyIn.stderr)")
            #expect(copyIn.stdout.contains("copied \(log.records) records"))
            #expect(copyIn.stderr.isEmpty, "\(copyIn.stderr)")

            let verified = try spor(["verify", "--store", store])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("ok: \(log.records) records"))

            let into = back.path("copy").path
            let copyOut = try spor(["store", "copy", "--from", store, "--to", into])
            #expect(copyOut.status == 0, "\(copyOut.stderr)")
            #expect(copyOut.stdout.contains("note: the chain was checked while copying"))
            let folderVerified = try spor(["verify", "--data", into], environment: ["SPOR_PSEUDONYM_KEY": log.keyHex])
            #expect(folderVerified.status == 0, "\(folderVerified.stdout)\(folderVerified.stderr)")
            #expect(folderVerified.stdout.contains("ok: \(log.records) records"))
            #expect(
                folderVerified.stdout.contains(
                    try #require(copyIn.stdout.split(separator: " ").last).trimmingCharacters(
                        in: .whitespacesAndNewlines)))

            let again = try spor(["store", "copy", "--from", log.folder.url.path, "--to", store])
            #expect(again.status != 0)
            #expect(
                again.stderr.contains(
                    "Error: spor_log already holds \(log.records) records; a log is copied only into an empty table\n"))

            try await client.withTransaction(logger: TestPostgres.logger) { connection in
                try await connection.query("ALTER TABLE spor_log DISABLE TRIGGER USER", logger: TestPostgres.logger)
                try await connection.query("DELETE FROM spor_log WHERE seq = 11", logger: TestPostgres.logger)
                try await connection.query("ALTER TABLE spor_log ENABLE TRIGGER USER", logger: TestPostgres.logger)
            }
            let broken = try spor(["verify", "--store", store])
            #expect(broken.status == 2)
            #expect(broken.stdout.contains("BROKEN:"))
            #expect(broken.stdout.contains("at seq 11: sequence number 12 follows 10: records 11...11 are missing"))
            let json = try spor(["verify", "--store", store, "--format", "json"])
            #expect(json.status == 2)
            #expect(json.stdout.contains(#""ok":false"#) && json.stdout.contains(#""seq":11"#))

            #expect(!outputs.joined().contains(password))
        }
    }
}
