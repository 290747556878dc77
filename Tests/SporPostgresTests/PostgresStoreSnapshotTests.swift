import Foundation
import SporApplication
import SporInstruments
import SporReports
import SporTesting
import Testing

/// A daemon's local snapshot of a PostgreSQL store (`spor serve --store … --cache DIR`, docs/postgresql.md):
/// written at close and in the background while the daemon runs, used at the next start with only the rows after
/// it read, and ignored when it does not fit the table.
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

    /// A command given the cache (`spor trajectory --store … --cache DIR`) reads the snapshot a daemon left there
    /// and only the rows after it, and so does a writing command; with few rows after it, they leave the snapshot as
    /// it was.
    @Test func aCommandReadsOnlyTheRowsAfterADaemonsSnapshot() async throws {
        let cache = try TemporaryFolder(prefix: "spor-pg-cache")
        defer { cache.remove() }
        try await TestPostgres.withDatabase { database, _ in
            let daemon = try await Self.open(database, cache: cache.url)
            for citizen in 0..<3 {
                _ = try await UseCases(folder: daemon).record(
                    StoreContract.draft(id: UUID(), citizen: citizen), by: .cli())
            }
            await daemon.close()
            let snapshot = cache.url.appendingPathComponent("dataset.snapshot")
            let written = try Data(contentsOf: snapshot)

            let writer = try await DataFolder.open(
                store: database, mode: .writing, environment: [:], logger: TestPostgres.logger)
            for citizen in 3..<5 {
                _ = try await UseCases(folder: writer).record(
                    StoreContract.draft(id: UUID(), citizen: citizen), by: .cli())
            }
            await writer.close()

            let command = try await DataFolder.open(
                store: database, mode: .reading, cache: cache.url, environment: [:], logger: TestPostgres.logger)
            #expect(command.load?.fromSnapshot == true)
            #expect(command.load?.recordsReplayed == 2)
            let trajectory = try await UseCases(folder: command).trajectory(
                of: CitizenID(rawValue: "c-4")!, by: .cli(), via: "test")
            #expect(trajectory.instruments.first?.points.count == 1)
            await command.close()
            #expect(try Data(contentsOf: snapshot) == written)

            // A writing command (`spor record --store … --cache DIR`) starts from it too.
            let recorder = try await DataFolder.open(
                store: database, mode: .writing, cache: cache.url, environment: [:], logger: TestPostgres.logger)
            #expect(recorder.load?.fromSnapshot == true)
            #expect(recorder.load?.recordsReplayed == 2)
            _ = try await UseCases(folder: recorder).record(StoreContract.draft(id: UUID(), citizen: 5), by: .cli())
            await recorder.close()
            #expect(try Data(contentsOf: snapshot) == written)
        }
    }

    /// `--snapshot-after` of the killed daemon.
    static let snapshotAfter = 40

    @Test func aDaemonKilledAfterManyWritesRestartsFromItsBackgroundSnapshot() async throws {
        let cache = try TemporaryFolder(prefix: "spor-pg-cache")
        defer { cache.remove() }
        let folder = try TemporaryFolder(prefix: "spor-pg-killed")
        defer { folder.remove() }
        let writes = 3 * Self.snapshotAfter + 17
        try await TestPostgres.withDatabase { database, _ in
            let (staff, admin) = try await TestDaemon.offPool { try TwoDaemonsTests.tokens(database) }
            let daemon = try await TestDaemon.start(
                store: database, folder: folder, name: "cached",
                arguments: ["--cache", cache.url.path, "--snapshot-after", "\(Self.snapshotAfter)"])
            var ids = Set<UUID>()
            for index in 0..<writes {
                let id = UUID()
                let answer = await daemon.request(
                    "POST", "/v1/responses", token: staff, json: TwoDaemonsTests.response(id: id, index: index))
                #expect(answer?.status == 201)
                ids.insert(id)
            }
            // The snapshot follows the writes in the background: wait for one that leaves fewer rows than
            // --snapshot-after behind, then kill the daemon without any shutdown.
            let deadline = ContinuousClock.now + .seconds(30)
            while Self.newestSnapshot(in: daemon.output) <= writes - Self.snapshotAfter,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            daemon.kill9()
            #expect(Self.newestSnapshot(in: daemon.output) > writes - Self.snapshotAfter, "\(daemon.output)")

            let restarted = try await Self.open(database, cache: cache.url)
            #expect(restarted.load?.fromSnapshot == true)
            #expect((restarted.load?.recordsReplayed ?? .max) < UInt64(Self.snapshotAfter))
            await restarted.close()

            // A restarted daemon answers every response, those in the snapshot and those read after it.
            let again = try await TestDaemon.start(
                store: database, folder: folder, name: "again", arguments: ["--cache", cache.url.path])
            defer { again.stop() }
            try await TwoDaemonsTests.expectSameTrajectories([again], token: admin, holding: ids)
        }
    }

    /// The records of the newest snapshot a daemon's log says it wrote, 0 when none.
    static func newestSnapshot(in output: String) -> Int {
        output.split(separator: "\n").filter { $0.contains("wrote the snapshot") }.compactMap { line in
            line.firstRange(of: "records=").flatMap { Int(line[$0.upperBound...].prefix { $0.isNumber }) }
        }.max() ?? 0
    }
}
