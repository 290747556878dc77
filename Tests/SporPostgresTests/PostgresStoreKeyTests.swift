import Foundation
import SporApplication
import SporInstruments
import SporLog
import Testing

/// The pseudonymisation key of a PostgreSQL store (docs/postgresql.md): it comes from the environment or a key
/// file, never from the database; without it everything but CPR input works, and another key is refused.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct PostgresStoreKeyTests {
    static func cprDraft() throws -> ResponseDraft {
        ResponseDraft(
            id: UUID(), citizen: .cpr(try CPRNumber(parsing: "0101901234")), instrument: .who5,
            administeredAt: CalendarDate(year: 2026, month: 3, day: 2)!, answers: [3, 3, 3, 3, 3],
            unit: StoreContract.unit)
    }

    @Test func withoutAKeyOnlyCPRInputIsRefused() async throws {
        try await TestPostgres.withDatabase { database, _ in
            let spor = UseCases(
                folder: try await DataFolder.open(
                    store: database, mode: .serving, environment: [:], logger: TestPostgres.logger))
            try await spor.closing { spor in
                let recorded = try await spor.record(StoreContract.draft(id: UUID(), citizen: 3), by: .cli())
                #expect(recorded.created)
                let refused = await StoreContract.code { try await spor.record(try Self.cprDraft(), by: .cli()) }
                #expect(refused == .unavailable)
            }
        }
    }

    @Test func theKeyIsHeldToTheStoresFingerprint() async throws {
        try await TestPostgres.withDatabase { database, _ in
            let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("spor-key-\(UUID())")
            defer { try? FileManager.default.removeItem(at: keyFile) }
            try Data(TestPostgres.keyHex.utf8).write(to: keyFile)
            // The first opener with a key records its fingerprint; a CPR number is pseudonymised with it.
            let spor = UseCases(
                folder: try await DataFolder.open(
                    store: database, mode: .serving, keyFile: keyFile, environment: [:], logger: TestPostgres.logger))
            let recorded = try await spor.closing { try await $0.record(try Self.cprDraft(), by: .cli()) }
            let expected = try Pseudonymiser(keyText: TestPostgres.keyHex, source: "test")
                .citizenID(for: try CPRNumber(parsing: "0101901234"))
            #expect(recorded.stored.response.citizen == expected)
            // Another key is refused before anything is served.
            await #expect(throws: LogError.self) {
                _ = try await DataFolder.open(
                    store: database, mode: .serving,
                    environment: ["SPOR_PSEUDONYM_KEY": String(repeating: "17", count: 32)],
                    logger: TestPostgres.logger)
            }
        }
    }

    @Test func aDataFoldersRawKeyFileIsTakenAsTheSameKey() async throws {
        try await TestPostgres.withDatabase { database, _ in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spor-keys-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            // pseudonym.key as a data folder holds it: the 32 bytes themselves.
            let raw = folder.appendingPathComponent(Pseudonymiser.keyFileName)
            let bytes = stride(from: 0, to: 64, by: 2).map { offset in
                let start = TestPostgres.keyHex.index(TestPostgres.keyHex.startIndex, offsetBy: offset)
                return UInt8(TestPostgres.keyHex[start..<TestPostgres.keyHex.index(start, offsetBy: 2)], radix: 16)!
            }
            try Data(bytes).write(to: raw)
            let hex = folder.appendingPathComponent("key.hex")
            try Data((TestPostgres.keyHex + "\n").utf8).write(to: hex)
            var citizens: [CitizenID] = []
            for keyFile in [hex, raw] {
                let spor = UseCases(
                    folder: try await DataFolder.open(
                        store: database, mode: .serving, keyFile: keyFile, environment: [:],
                        logger: TestPostgres.logger))
                citizens.append(
                    try await spor.closing { try await $0.record(try Self.cprDraft(), by: .cli()) }.stored.response
                        .citizen)
            }
            #expect(citizens.count == 2 && citizens[0] == citizens[1])
            // A file of another length that is no key written as text is refused, naming the file only.
            let short = folder.appendingPathComponent("short.key")
            try Data(bytes.prefix(31)).write(to: short)
            await #expect(throws: LogError.self) {
                _ = try await DataFolder.open(
                    store: database, mode: .serving, keyFile: short, environment: [:], logger: TestPostgres.logger)
            }
        }
    }
}
