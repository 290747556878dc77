import Foundation
import PostgresNIO
import SporApplication
import SporLog
import SporPostgres
import SporTesting
import Testing

/// The log in PostgreSQL (docs/postgresql.md) against a real server: copying a log in and out keeps every byte and
/// the chain, the table refuses changes, and verify finds a row changed or deleted behind its back.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct PostgresLogTests {
    @Test func copyOutAndBackKeepsEveryRecordByteForByte() async throws {
        let log = try await TestLog.make()
        defer { log.folder.remove() }
        let back = try TemporaryFolder(prefix: "spor-pg-back")
        defer { back.remove() }
        let original = try TestLog.records(in: log.folder.url, keyHex: log.keyHex)
        #expect(original.count == log.records)
        try await TestPostgres.withDatabase { database, client in
            let environment = ["SPOR_PSEUDONYM_KEY": log.keyHex]
            let copiedIn = try await StoreCopy.copy(
                from: log.folder.url.path, to: database, by: .cli(), environment: environment,
                logger: TestPostgres.logger)
            #expect(copiedIn.records == UInt64(log.records))
            #expect(copiedIn.headHash == original.last?.hashHex)
            #expect(copiedIn.to.hasPrefix("postgresql://postgres@"))

            // The rows hold the records' own bytes, sequence numbers and links.
            var rows: [ChainedRecord] = []
            try await PostgresStore.withLog(PostgresStoreURL(database), logger: TestPostgres.logger) { store in
                try await store.rows { sequence, previous, hash, record in
                    rows.append(
                        ChainedRecord(
                            sequence: UInt64(sequence), previousHash: previous ?? [UInt8](repeating: 0, count: 32),
                            hash: hash, body: record))
                }
            }
            #expect(rows == original)

            let into = back.path("copy")
            let copiedOut = try await StoreCopy.copy(
                from: database, to: into.path, by: .cli(), environment: environment, logger: TestPostgres.logger)
            #expect(copiedOut.records == UInt64(log.records))
            #expect(copiedOut.headHash == copiedIn.headHash)
            #expect(copiedOut.note == nil)
            #expect(try TestLog.records(in: into, keyHex: log.keyHex) == original)
            let fingerprint = try String(
                contentsOf: into.appendingPathComponent(Pseudonymiser.fingerprintFileName), encoding: .utf8)
            #expect(
                fingerprint
                    == (try String(contentsOf: log.folder.path(Pseudonymiser.fingerprintFileName), encoding: .utf8)))

            // The copy opens as a log and replays every record.
            var replayed = 0
            let reopened = try EventLog.open(
                folder: into, configuration: EventLog.Configuration(environment: environment),
                logger: TestPostgres.logger
            ) { _ in replayed += 1 }
            await reopened.close()
            #expect(replayed == log.records)
        }
    }

    @Test func copyOutWithoutTheKeySaysHowToVerify() async throws {
        let log = try await TestLog.make(responses: 5)
        defer { log.folder.remove() }
        let back = try TemporaryFolder(prefix: "spor-pg-back")
        defer { back.remove() }
        try await TestPostgres.withDatabase { database, _ in
            _ = try await StoreCopy.copy(
                from: log.folder.url.path, to: database, by: .cli(), environment: [:], logger: TestPostgres.logger)
            let outcome = try await StoreCopy.copy(
                from: database, to: back.path("copy").path, by: .cli(), environment: [:], logger: TestPostgres.logger)
            #expect(outcome.records == 7)
            #expect(outcome.note?.contains("SPOR_PSEUDONYM_KEY") == true)
        }
    }

    @Test(arguments: [
        "UPDATE spor_log SET record = record WHERE seq = 1", "DELETE FROM spor_log WHERE seq = 1", "TRUNCATE spor_log",
    ])
    func theTableRefusesChanges(statement: String) async throws {
        let log = try await TestLog.make(responses: 5)
        defer { log.folder.remove() }
        try await TestPostgres.withDatabase { database, client in
            _ = try await StoreCopy.copy(
                from: log.folder.url.path, to: database, by: .cli(), logger: TestPostgres.logger)
            let error = await #expect(throws: PSQLError.self) {
                try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestPostgres.logger)
            }
            #expect(error?.serverInfo?[.message]?.contains("spor_log is append-only") == true)
            let verification = try await StoreCopy.verify(store: database, by: .cli(), logger: TestPostgres.logger)
            #expect(verification.records == 7)
            #expect(verification.brokenSequence == nil)
        }
    }

    /// Changes made as a superuser with the trigger disabled, and where verify must find the break.
    enum Tampering: String, CaseIterable, Sendable {
        case recordChanged, recordAndHashChanged, hashChanged, rowDeleted, lastRowsDeleted

        var statement: String {
            switch self {
            case .recordChanged:
                "UPDATE spor_log SET record = set_byte(record, 12, get_byte(record, 12) # 1) WHERE seq = 7"
            case .recordAndHashChanged:
                "UPDATE spor_log SET record = set_byte(record, 12, get_byte(record, 12) # 1), hash = sha256(set_byte(record, 12, get_byte(record, 12) # 1)) WHERE seq = 7"
            case .hashChanged: "UPDATE spor_log SET hash = sha256(hash) WHERE seq = 7"
            case .rowDeleted: "DELETE FROM spor_log WHERE seq = 7"
            // The three records of the batch end the copy at 40 responses: the last one gone leaves it unfinished.
            case .lastRowsDeleted: "DELETE FROM spor_log WHERE seq >= 39"
            }
        }

        /// The row verify names and words its message holds.
        var expected: (sequence: Int64, words: String) {
            switch self {
            case .recordChanged: (7, "do not match its stored hash")
            case .recordAndHashChanged: (8, "chain is broken")
            case .hashChanged: (7, "do not match its stored hash")
            case .rowDeleted: (7, "are missing")
            case .lastRowsDeleted: (39, "unfinished")
            }
        }
    }

    @Test(arguments: Tampering.allCases) func verifyFindsTheFirstBrokenRow(tampering: Tampering) async throws {
        let log = try await TestLog.make()
        defer { log.folder.remove() }
        try await TestPostgres.withDatabase { database, client in
            _ = try await StoreCopy.copy(
                from: log.folder.url.path, to: database, by: .cli(), logger: TestPostgres.logger)
            try await client.withTransaction(logger: TestPostgres.logger) { connection in
                try await connection.query("ALTER TABLE spor_log DISABLE TRIGGER USER", logger: TestPostgres.logger)
                try await connection.query(PostgresQuery(unsafeSQL: tampering.statement), logger: TestPostgres.logger)
                try await connection.query("ALTER TABLE spor_log ENABLE TRIGGER USER", logger: TestPostgres.logger)
            }
            let verification = try await StoreCopy.verify(store: database, by: .cli(), logger: TestPostgres.logger)
            #expect(verification.brokenSequence == tampering.expected.sequence)
            #expect(
                verification.brokenMessage?.contains(tampering.expected.words) == true,
                "\(verification.brokenMessage ?? "")")
            #expect(verification.records == UInt64(tampering.expected.sequence))

            // Nor is a broken log copied out.
            let back = try TemporaryFolder(prefix: "spor-pg-back")
            defer { back.remove() }
            let refused = await #expect(throws: PostgresStoreError.self) {
                try await StoreCopy.copy(
                    from: database, to: back.path("copy").path, by: .cli(), logger: TestPostgres.logger)
            }
            #expect(
                refused?.message.contains(
                    tampering == .lastRowsDeleted ? "broken at its end" : "broken at seq \(tampering.expected.sequence)"
                ) == true)
            #expect(!FileManager.default.fileExists(atPath: back.path("copy").path))
        }
    }

    @Test func verifyAndCopyOutOnlyRead() async throws {
        try await TestPostgres.withDatabase { database, _ in
            let verifying = await #expect(throws: PostgresStoreError.self) {
                try await StoreCopy.verify(store: database, by: .cli(), logger: TestPostgres.logger)
            }
            #expect(verifying?.message.contains(#"PostgreSQL says: relation "spor_log" does not exist"#) == true)
            let back = try TemporaryFolder(prefix: "spor-pg-back")
            defer { back.remove() }
            await #expect(throws: PostgresStoreError.self) {
                try await StoreCopy.copy(
                    from: database, to: back.path("copy").path, by: .cli(), logger: TestPostgres.logger)
            }
            #expect(!FileManager.default.fileExists(atPath: back.path("copy").path))
        }
    }

    @Test func aCopyIntoATableThatHoldsRecordsIsRefused() async throws {
        let log = try await TestLog.make(responses: 5)
        defer { log.folder.remove() }
        try await TestPostgres.withDatabase { database, _ in
            _ = try await StoreCopy.copy(
                from: log.folder.url.path, to: database, by: .cli(), logger: TestPostgres.logger)
            let error = await #expect(throws: PostgresStoreError.self) {
                try await StoreCopy.copy(
                    from: log.folder.url.path, to: database, by: .cli(), logger: TestPostgres.logger)
            }
            #expect(error?.message == "spor_log already holds 7 records; a log is copied only into an empty table")
            let verification = try await StoreCopy.verify(store: database, by: .cli(), logger: TestPostgres.logger)
            #expect(verification.records == 7)
            #expect(verification.brokenSequence == nil)
        }
    }

    @Test func anAppendContinuesTheChainOrWritesNothing() async throws {
        let log = try await TestLog.make(responses: 10)
        defer { log.folder.remove() }
        let records = try TestLog.records(in: log.folder.url, keyHex: log.keyHex)
        try await TestPostgres.withDatabase { database, _ in
            try await PostgresStore.withLog(PostgresStoreURL(database), logger: TestPostgres.logger) { store in
                var first = records.prefix(4).makeIterator()
                _ = try await store.copyIn(keyFingerprint: nil) { first.next() }
                // A batch that skips a record, and one whose second record's bytes were changed: refused whole.
                await #expect(throws: PostgresStoreError.self) { try await store.append(Array(records[5...6])) }
                var changed = Array(records[4...5])
                changed[1].body[12] ^= 1
                await #expect(throws: PostgresStoreError.self) { try await store.append(changed) }
                #expect(try await store.count() == 4)
                // A batch cut short inside one of the log's own batches (records 7, 8, 9 are one).
                await #expect(throws: PostgresStoreError.self) { try await store.append(Array(records[4...7])) }
                #expect(try await store.count() == 4)
                try await store.append(Array(records[4...]))
                let verification = try await store.verify()
                #expect(verification.records == UInt64(records.count))
                #expect(verification.headHash == records.last?.hashHex)
                #expect(verification.broken == nil)
            }
        }
    }

    @Test func anAppendWaitsForAStuckLockAtMostFiveSeconds() async throws {
        let log = try await TestLog.make(responses: 5)
        defer { log.folder.remove() }
        let records = try TestLog.records(in: log.folder.url, keyHex: log.keyHex)
        try await TestPostgres.withDatabase { database, client in
            try await PostgresStore.withLog(PostgresStoreURL(database), logger: TestPostgres.logger) { store in
                // Another session holds the advisory lock every append takes, in a transaction that does not end.
                try await client.withTransaction(logger: TestPostgres.logger) { connection in
                    try await connection.query(
                        "SELECT pg_advisory_xact_lock(\(Int64(0x5350_4F52)))", logger: TestPostgres.logger)
                    let started = ContinuousClock.now
                    await #expect(throws: PostgresStoreError.self) { try await store.append([records[0]]) }
                    let waited = ContinuousClock.now - started
                    #expect(waited >= .seconds(4) && waited < .seconds(15), "\(waited)")
                }
                try await store.append([records[0]])
                #expect(try await store.count() == 1)
            }
        }
    }
}
