import Foundation
import PostgresNIO
import SporApplication
import SporTesting
import Testing

/// The store contract (``StoreContract``) on the embedded log in a data folder.
@Suite struct EmbeddedStoreContractTests {
    @Test func theEmbeddedLogKeepsTheContract() async throws {
        let folder = try TemporaryFolder(prefix: "spor-contract")
        defer { folder.remove() }
        let data = try DataFolder(url: folder.url, mode: .serving, logger: TestPostgres.logger)
        let spor = UseCases(folder: data)
        try await StoreContract.run(
            StoreContract.Store(
                spor: spor,
                verify: {
                    let found = try spor.verify(by: .cli())
                    return (found.records, found.broken == nil)
                },
                tamper: { sequence in
                    await data.close()
                    let name = try #require(
                        try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
                            .filter { $0.hasPrefix("segment-") }.sorted().first)
                    var bytes = Array(try Data(contentsOf: folder.path(name)))
                    // Frames follow the 8-byte segment header: length (4), checksum (4), body.
                    var offset = 8
                    for _ in 0..<sequence {
                        offset += 8 + (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
                    }
                    bytes[offset + 8 + 60] ^= 1
                    try Data(bytes).write(to: folder.path(name))
                }))
    }
}

/// The store contract (``StoreContract``) on a PostgreSQL store.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct PostgresStoreContractTests {
    @Test func aPostgreSQLStoreKeepsTheContract() async throws {
        try await TestPostgres.withDatabase { database, client in
            let data = try await DataFolder.open(
                store: database, mode: .serving, environment: ["SPOR_PSEUDONYM_KEY": TestPostgres.keyHex],
                logger: TestPostgres.logger)
            let spor = UseCases(folder: data)
            try await StoreContract.run(
                StoreContract.Store(
                    spor: spor,
                    verify: {
                        let found = try await StoreCopy.verify(store: database, by: .cli(), logger: TestPostgres.logger)
                        return (found.records, found.brokenSequence == nil)
                    },
                    tamper: { sequence in
                        await data.close()
                        try await client.withTransaction(logger: TestPostgres.logger) { connection in
                            try await connection.query(
                                "ALTER TABLE spor_log DISABLE TRIGGER USER", logger: TestPostgres.logger)
                            try await connection.query(
                                "UPDATE spor_log SET record = set_byte(record, 60, get_byte(record, 60) # 1) WHERE seq = \(Int64(sequence))",
                                logger: TestPostgres.logger)
                            try await connection.query(
                                "ALTER TABLE spor_log ENABLE TRIGGER USER", logger: TestPostgres.logger)
                        }
                    }))
        }
    }
}
