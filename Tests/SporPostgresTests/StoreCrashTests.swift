import Foundation
import SporInstruments
import SporTesting
import Testing

/// The real binary killed with SIGKILL while it writes to a PostgreSQL store: nothing it acknowledged is lost, the
/// chain stays whole, and an interrupted import finishes when run again.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct StoreCrashTests {
    @Test func killedWriterLosesNothingAcknowledged() async throws {
        try await TestPostgres.withDatabase { store, _ in
            var random = SeededGenerator(seed: 20_261_130)
            var acknowledged = Set<String>()
            for round in 0..<6 {
                acknowledged.formUnion(
                    try SporBinary.killed(
                        ["stress", "--store", store, "--writers", "4", "--batch", round % 2 == 0 ? "5" : "1"],
                        after: Double.random(in: 0.5...1.5, using: &random)))
            }
            #expect(acknowledged.count > 20)
            let verified = try SporBinary.run(["verify", "--store", store])
            #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
            let stored = Set(dumpedIDs(try SporBinary.run(["log", "dump", "--store", store]).stdout))
            #expect(acknowledged.subtracting(stored).isEmpty)
        }
    }

    @Test func killedImportLeavesAWholeChainAndARerunFinishesIt() async throws {
        let folder = try TemporaryFolder(prefix: "spor-pg-import-kill")
        defer { folder.remove() }
        let data = SyntheticData(seed: 8, responses: 20_000)
        let file = folder.path("data.csv")
        try data.writeCSV(to: file)
        try await TestPostgres.withDatabase { store, _ in
            var random = SeededGenerator(seed: 20_261_131)
            for _ in 0..<3 {
                let (process, _) = try SporBinary.start(["import", file.path, "--store", store])
                try await Task.sleep(for: .seconds(Double.random(in: 0.5...2.5, using: &random)))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let verified = try SporBinary.run(["verify", "--store", store])
                #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
            }
            let rerun = try SporBinary.run(["import", file.path, "--store", store])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let dump = try SporBinary.run(["log", "dump", "--store", store])
            #expect(dumpedIDs(dump.stdout) == data.all().map { $0.id.uuidString.lowercased() })
        }
    }
}
