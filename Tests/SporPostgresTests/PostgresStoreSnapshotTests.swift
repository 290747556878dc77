import Foundation
import SporApplication
import SporInstruments
import SporReports
import SporTesting
import Testing

/// A daemon's local snapshot of a PostgreSQL store (`spor serve --store … --cache DIR`, docs/postgresql.md):
/// written at close, used at the next start with only the rows after it read, and ignored when it does not fit
/// the table.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct PostgresStoreSnapshotTests {
    static func open(_ database: String, cache: URL?) async throws -> DataFolder {
        try await DataFolder.open(
            store: database, mode: .serving, cache: cache, environment: [:], logger: TestPostgres.logger)
    }

    @Test func aRestartReadsOnlyTheRowsAfterTheSnapshot() async throws {
        let cache = try TemporaryFolder(prefix: "spor-pg-cache")
        defer { cache.remove() }
        try await TestPostgres.withDatabase { database, _ in
            let first = try await Self.open(database, cache: cache.url)
            #expect(first.load?.fromSnapshot == false)
            for citizen in 0..<3 {
                _ = try await UseCases(folder: first).record(
                    StoreContract.draft(id: UUID(), citizen: citizen), by: .cli())
            }
            await first.close()

            // Another daemon, without a cache, writes one more.
            let other = try await Self.open(database, cache: nil)
            _ = try await UseCases(folder: other).record(StoreContract.draft(id: UUID(), citizen: 4), by: .cli())
            await other.close()

            let second = try await Self.open(database, cache: cache.url)
            #expect(second.load?.fromSnapshot == true)
            #expect(second.load?.recordsReplayed == 1)
            let trajectory = try await UseCases(folder: second).trajectory(
                of: CitizenID(rawValue: "c-4")!, by: .cli(), via: "test")
            #expect(trajectory.instruments.first?.points.count == 1)
            await second.close()
        }
        // A snapshot of another database's table does not fit: the whole table is read.
        try await TestPostgres.withDatabase { database, _ in
            let spor = UseCases(folder: try await Self.open(database, cache: nil))
            for citizen in 0..<3 {
                _ = try await spor.record(StoreContract.draft(id: UUID(), citizen: citizen), by: .cli())
            }
            await spor.folder.close()
            let reopened = try await Self.open(database, cache: cache.url)
            #expect(reopened.load?.fromSnapshot == false)
            #expect(reopened.load?.recordsReplayed == 3)
            await reopened.close()
        }
    }
}
