import Foundation
import SporApplication
import SporInstruments
import SporTesting
import Testing

/// `spor store copy` carries the tokens, the access audit trail and the trend releases with the log, both ways
/// (docs/postgresql.md): a token made in the folder still signs in on the store and in the folder copied back, and
/// the audit lines and releases come back byte for byte.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct StoreCopyBesideLogTests {
    @Test func tokensAuditAndReleasesMakeTheRoundTrip() async throws {
        let log = try await TestLog.make()
        defer { log.folder.remove() }
        let back = try TemporaryFolder(prefix: "spor-pg-copy-back")
        defer { back.remove() }
        let source = log.folder.url
        let made = try await TestDaemon.spor([
            "token", "create", "--data", source.path, "--role", "admin", "--name", "keeper", "--format", "json",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any]
        let token = try #require(object?["token"] as? String)
        let revoked = try await TestDaemon.spor([
            "token", "create", "--data", source.path, "--role", "strategic", "--name", "board", "--format", "json",
        ])
        let revokedToken = try #require(
            (try JSONSerialization.jsonObject(with: Data(revoked.stdout.utf8)) as? [String: Any])?["token"] as? String)
        #expect(try await TestDaemon.spor(["token", "revoke", "--data", source.path, "board"]).status == 0)
        let trail = try AuditTrail(folder: source)
        for citizen in 1...3 {
            try await trail.append(
                AuditRecord(
                    at: Date(timeIntervalSince1970: 1_790_000_000 + Double(citizen)), who: "keeper", role: .admin,
                    citizen: CitizenID(rawValue: "c-\(citizen)"), endpoint: "GET /v1/citizens/{id}/trajectory"))
        }
        for _ in 0..<2 {
            let release = try await TestDaemon.spor(["report", "release", "--data", source.path, "--settle-days", "0"])
            #expect(release.status == 0, "\(release.stdout)\(release.stderr)")
        }
        let files = [
            TokenStore.fileName, AuditTrail.fileName, "releases/release-000001.json", "releases/release-000002.json",
        ]
        let before = try files.map { try Data(contentsOf: source.appendingPathComponent($0)) }

        try await TestPostgres.withDatabase { database, _ in
            let copyIn = try await TestDaemon.spor(["store", "copy", "--from", source.path, "--to", database])
            #expect(copyIn.status == 0, "\(copyIn.stderr)")
            #expect(copyIn.stdout.contains("2 tokens, 3 audit lines and 2 releases"), "\(copyIn.stdout)")
            let listed = try await TestDaemon.spor(["token", "list", "--store", database])
            #expect(listed.stdout.contains("keeper") && listed.stdout.contains("board"), "\(listed.stdout)")
            let releases = try await TestDaemon.spor(["report", "releases", "--store", database])
            #expect(releases.status == 0 && releases.stdout.split(separator: "\n").count >= 2, "\(releases.stdout)")

            let into = back.path("copy")
            let copyOut = try await TestDaemon.spor(["store", "copy", "--from", database, "--to", into.path])
            #expect(copyOut.status == 0, "\(copyOut.stderr)")
            #expect(copyOut.stdout.contains("2 tokens, 3 audit lines and 2 releases"), "\(copyOut.stdout)")
            let after = try files.map { try Data(contentsOf: into.appendingPathComponent($0)) }
            #expect(after == before)
            #expect(try TokenStore(folder: into).identity(for: token)?.name == "keeper")
            #expect(try TokenStore(folder: into).identity(for: revokedToken) == nil)
            #expect(AuditTrail.verify(lines: try Self.lines(into)).broken.isEmpty)
            let verified = try await TestDaemon.spor(
                ["verify", "--data", into.path], environment: ["SPOR_PSEUDONYM_KEY": log.keyHex])
            #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

            // The token signs in on a daemon serving the store; the revoked one does not.
            let daemon = try await TestDaemon.start(
                store: database, folder: back, name: "copied", environment: ["SPOR_PSEUDONYM_KEY": log.keyHex])
            defer { daemon.stop() }
            #expect(await daemon.request("GET", "/v1/instruments", token: token)?.status == 200)
            #expect(await daemon.request("GET", "/v1/instruments", token: revokedToken)?.status == 401)
        }
    }

    @Test func aBrokenAuditTrailIsNotCopied() async throws {
        let log = try await TestLog.make(responses: 5)
        defer { log.folder.remove() }
        let trail = try AuditTrail(folder: log.folder.url)
        for citizen in 1...2 {
            try await trail.append(
                AuditRecord(
                    at: Date(), who: "keeper", role: .admin, citizen: CitizenID(rawValue: "c-\(citizen)"),
                    endpoint: "GET /v1/citizens/{id}/trajectory"))
        }
        let url = log.folder.url.appendingPathComponent(AuditTrail.fileName)
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "c-1", with: "c-9").write(to: url, atomically: true, encoding: .utf8)
        try await TestPostgres.withDatabase { database, _ in
            let copyIn = try await TestDaemon.spor(["store", "copy", "--from", log.folder.url.path, "--to", database])
            #expect(copyIn.status != 0)
            #expect(copyIn.stderr.contains("is broken at line 1"), "\(copyIn.stderr)")
        }
    }

    static func lines(_ folder: URL) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent(AuditTrail.fileName), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }
}
