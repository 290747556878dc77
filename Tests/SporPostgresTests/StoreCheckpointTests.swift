import Foundation
import PostgresNIO
import SporApplication
import SporTesting
import Testing

/// Heads kept outside the database for a PostgreSQL store (docs/postgresql.md): `spor verify --store
/// --expect-head`, and the signed checkpoints a daemon with a signing key writes to `spor_checkpoints`. Rows cut
/// off the end by a superuser who disabled the triggers leave a shorter valid chain; both find them.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct StoreCheckpointTests {
    /// Deletes the rows from `sequence` on as a superuser who first disables every trigger on the table.
    static func cutOff(from sequence: Int, _ client: PostgresClient) async throws {
        try await client.withTransaction(logger: TestPostgres.logger) { connection in
            try await connection.query("ALTER TABLE spor_log DISABLE TRIGGER ALL", logger: TestPostgres.logger)
            try await connection.query(
                PostgresQuery(unsafeSQL: "DELETE FROM spor_log WHERE seq >= \(sequence)"), logger: TestPostgres.logger)
            try await connection.query("ALTER TABLE spor_log ENABLE TRIGGER ALL", logger: TestPostgres.logger)
        }
    }

    /// A checkpoint signing key made by `spor checkpoint-key` in `folder`: its file and its public key.
    static func signingKey(in folder: TemporaryFolder) async throws -> (file: URL, publicKey: String) {
        let file = folder.path("checkpoint.key")
        let made = try await TestDaemon.spor(["checkpoint-key", file.path])
        #expect(made.status == 0, "\(made.stderr)")
        return (file, try #require(line("public key: ", in: made.stdout)))
    }

    static func line(_ prefix: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    @Test func anExpectedHeadFindsRowsCutOffTheEnd() async throws {
        let log = try await TestLog.make()
        defer { log.folder.remove() }
        try await TestPostgres.withDatabase { database, client in
            #expect(
                try await TestDaemon.spor(["store", "copy", "--from", log.folder.url.path, "--to", database]).status
                    == 0)
            let first = try await TestDaemon.spor(["verify", "--store", database])
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            let head = try #require(Self.line("head to keep: ", in: first.stdout))
            #expect(head.hasPrefix("\(log.records - 1):"))
            #expect(try await TestDaemon.spor(["verify", "--store", database, "--expect-head", head]).status == 0)

            // The correction and the retraction at the end go; what is left is a valid chain of its own.
            try await Self.cutOff(from: log.records - 2, client)
            let plain = try await TestDaemon.spor(["verify", "--store", database])
            #expect(plain.status == 0)
            #expect(plain.stdout.contains("ok: \(log.records - 2) records"))
            let held = try await TestDaemon.spor(["verify", "--store", database, "--expect-head", head])
            #expect(held.status == 2)
            #expect(
                held.stdout.contains(
                    "the log ends after \(log.records - 2) records, but the expected head \(head) holds records up to sequence \(log.records - 1): records at the end are missing"
                ), "\(held.stdout)")
            #expect(!held.stdout.contains("head to keep"))

            let other = "5:" + String(repeating: "0", count: 64)
            let changed = try await TestDaemon.spor([
                "verify", "--store", database, "--expect-head", other, "--format", "json",
            ])
            #expect(changed.status == 2)
            #expect(changed.stdout.contains(#""seq":5"#) && changed.stdout.contains("record 5 is not the one"))
            let malformed = try await TestDaemon.spor(["verify", "--store", database, "--expect-head", "5"])
            #expect(malformed.status != 0 && malformed.status != 2)
            #expect(malformed.stderr.contains("expect-head takes SEQ:HASH"), "\(malformed.stderr)")
        }
    }

    /// While rows arrive, a signing daemon writes a signed head every interval (a minute unless set, here a fifth
    /// of a second), and none while nothing moves; `spor verify` checks the newest.
    @Test func aSigningDaemonWritesAHeadEveryIntervalWhileRowsArrive() async throws {
        let folder = try TemporaryFolder(prefix: "spor-pg-checkpoint-interval")
        defer { folder.remove() }
        let (keyFile, publicKey) = try await Self.signingKey(in: folder)
        try await TestPostgres.withDatabase { database, client in
            /// The head sequence number of each checkpoint in the table, oldest first.
            func heads() async throws -> [String] {
                var heads: [String] = []
                let rows = try await client.query(
                    "SELECT checkpoint FROM spor_checkpoints ORDER BY id", logger: TestPostgres.logger)
                for try await text in rows.decode(String.self) {
                    heads.append(Self.line("head ", in: text).map { String($0.prefix { $0 != ":" }) } ?? "none")
                }
                return heads
            }
            /// The heads once the newest is `sequence` (the daemon signs what it has read back, row by row).
            func waitForHead(_ sequence: String) async throws -> [String] {
                // Generous: under a full parallel test run the follower reads the rows back late.
                let deadline = ContinuousClock.now + .seconds(90)
                var found = try await heads()
                while found.last != sequence, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                    found = try await heads()
                }
                return found
            }
            let daemon = try await DataFolder.open(
                store: database, mode: .serving, environment: ["SPOR_CHECKPOINT_SIGNING_KEY": keyFile.path],
                logger: TestPostgres.logger, log: DataFolder.LogSettings(storeCheckpointInterval: .milliseconds(200)))
            let spor = UseCases(folder: daemon)
            for citizen in 0..<3 {
                _ = try await spor.record(StoreContract.draft(id: UUID(), citizen: citizen), by: .cli())
            }
            let first = try await waitForHead("2")
            #expect(first.last == "2", "\(first)")

            // Five intervals without a row: nothing new to sign.
            try await Task.sleep(for: .seconds(1))
            #expect(try await heads() == first)

            for citizen in 3..<5 {
                _ = try await spor.record(StoreContract.draft(id: UUID(), citizen: citizen), by: .cli())
            }
            let second = try await waitForHead("4")
            #expect(second.last == "4" && second.count > first.count, "\(second)")
            let verified = try await TestDaemon.spor([
                "verify", "--store", database, "--checkpoint-public-key", publicKey,
            ])
            #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
            #expect(verified.stdout.contains("checkpoint: 4:"), "\(verified.stdout)")
            await daemon.close()
            // The head at close was signed already.
            #expect(try await heads() == second)
        }
    }

    @Test func aSignedCheckpointFindsRowsCutOffTheEndAndAForgedOneIsRefused() async throws {
        let folder = try TemporaryFolder(prefix: "spor-pg-checkpoint")
        defer { folder.remove() }
        let (keyFile, publicKey) = try await Self.signingKey(in: folder)
        try await TestPostgres.withDatabase { database, client in
            let (staff, _) = try await TestDaemon.offPool { try TwoDaemonsTests.tokens(database) }
            // Two runs of a signing daemon: a checkpoint at record 4, then one at record 9.
            for run in 0..<2 {
                let daemon = try await TestDaemon.start(
                    store: database, folder: folder, name: "signing-\(run)",
                    environment: ["SPOR_CHECKPOINT_SIGNING_KEY": keyFile.path])
                for index in 0..<5 {
                    let answer = await daemon.request(
                        "POST", "/v1/responses", token: staff,
                        json: TwoDaemonsTests.response(id: UUID(), index: run * 5 + index))
                    #expect(answer?.status == 201)
                }
                daemon.stop()
            }

            let intact = try await TestDaemon.spor([
                "verify", "--store", database, "--checkpoint-public-key", publicKey,
            ])
            #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")
            #expect(intact.stdout.contains("checkpoint: 9:"), "\(intact.stdout)")
            #expect(intact.stdout.contains("(signature valid) in spor_checkpoints row"))

            // The table refuses changes like spor_log.
            await #expect(throws: (any Error).self) {
                try await client.query("DELETE FROM spor_checkpoints", logger: TestPostgres.logger)
            }

            try await Self.cutOff(from: 7, client)
            for arguments in [[], ["--checkpoint-public-key", publicKey]] {
                let cut = try await TestDaemon.spor(["verify", "--store", database] + arguments)
                #expect(cut.status == 2, "\(cut.stdout)")
                #expect(cut.stdout.contains("the log ends after 7 records, but the checkpoint in spor_checkpoints row"))
                #expect(cut.stdout.contains("holds records up to sequence 9: records at the end are missing"))
            }

            // A copy of the older, genuinely signed checkpoint (record 4) appended as the newest row: the log is
            // still held to the furthest head.
            var oldest = ""
            for try await checkpoint in try await client.query(
                "SELECT checkpoint FROM spor_checkpoints ORDER BY id LIMIT 1", logger: TestPostgres.logger
            ).decode(String.self) {
                oldest = checkpoint
            }
            #expect(oldest.contains("head 4:"), "\(oldest)")
            try await client.query(
                "INSERT INTO spor_checkpoints (checkpoint) VALUES (\(oldest))", logger: TestPostgres.logger)
            let replayed = try await TestDaemon.spor([
                "verify", "--store", database, "--checkpoint-public-key", publicKey,
            ])
            #expect(replayed.status == 2, "\(replayed.stdout)")
            #expect(replayed.stdout.contains("holds records up to sequence 9: records at the end are missing"))

            // A checkpoint made up to fit the shortened log, without the signing key: the signature does not hold.
            var text = ""
            let rows = try await client.query(
                "SELECT checkpoint FROM spor_checkpoints ORDER BY id DESC LIMIT 1", logger: TestPostgres.logger)
            for try await checkpoint in rows.decode(String.self) { text = checkpoint }
            var hash = ""
            for try await value in try await client.query(
                "SELECT encode(hash, 'hex') FROM spor_log WHERE seq = 6", logger: TestPostgres.logger
            ).decode(String.self) {
                hash = value
            }
            let forged = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("head ") ? "head 6:\(hash)" : String(line)
            }.joined(separator: "\n")
            #expect(forged != text)
            try await client.query(
                "INSERT INTO spor_checkpoints (checkpoint) VALUES (\(forged))", logger: TestPostgres.logger)
            let unchecked = try await TestDaemon.spor(["verify", "--store", database])
            #expect(unchecked.status == 2, "the genuine checkpoint at record 9 still counts: \(unchecked.stdout)")
            #expect(unchecked.stdout.contains("records at the end are missing"))
            let refused = try await TestDaemon.spor([
                "verify", "--store", database, "--checkpoint-public-key", publicKey,
            ])
            #expect(refused.status == 2)
            #expect(
                refused.stdout.contains("does not carry a valid signature by the given key"), "\(refused.stdout)")
        }
    }
}
