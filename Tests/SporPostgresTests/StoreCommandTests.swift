import Foundation
import PostgresNIO
import SporTesting
import Testing

/// The real `spor` binary moving a log into PostgreSQL and back and walking the chain there.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct StoreCommandTests {
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
