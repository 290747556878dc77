import Foundation
import SporInstruments
import SporTesting
import Testing

/// `spor import --store`: a file imported into PostgreSQL in transactions of a few thousand responses, decided as
/// every append is, so a second import of the same file writes nothing and a conflicting row writes nothing.
// Needs a PostgreSQL server: `.ci/run` starts one and sets SPOR_TEST_POSTGRES; without it these tests are skipped.
@Suite(
    .enabled(
        if: TestPostgres.isAvailable,
        "SPOR_TEST_POSTGRES is not set: no PostgreSQL to test against (.ci/run starts one)"))
struct StoreImportTests {
    @Test func importsIntoAStoreOnceAndRefusesAConflictWhole() async throws {
        let folder = try TemporaryFolder(prefix: "spor-pg-import")
        defer { folder.remove() }
        // More than one transaction's worth of responses.
        let data = SyntheticData(seed: 31, responses: 2_500)
        let csv = folder.path("data.csv")
        try data.writeCSV(to: csv)
        let environment = ["SPOR_PSEUDONYM_KEY": String(repeating: "5a", count: 32)]
        try await TestPostgres.withDatabase { store, _ in
            func spor(_ arguments: [String]) throws -> SporBinary.Result {
                try SporBinary.run(arguments + ["--store", store], environment: environment)
            }
            let first = try spor(["import", csv.path])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout == "written 2500, already stored 0, rejected 0\n", "\(first.stderr)")
            let again = try spor(["import", csv.path, "--format", "json"])
            #expect(again.stdout == "{\"written\":0,\"alreadyStored\":2500,\"rejected\":0,\"rejectedFile\":null}\n")

            let dump = try spor(["log", "dump"])
            #expect(dumpedIDs(dump.stdout) == data.all().map { $0.id.uuidString.lowercased() })

            // A stored id with other answers, beside a new row: the file is refused and nothing is written.
            let stored = data.all()[7]
            let conflicting = folder.path("conflict.csv")
            try [
                SyntheticData.csvHeader,
                "\(stored.id.uuidString.lowercased()),\(stored.citizen.rawValue),who5,2026-02-02,0,0,0,0,0,,,",
                "\(UUID().uuidString.lowercased()),c-new,who5,2026-02-02,1,1,1,1,1,,,",
            ].joined(separator: "\n").write(to: conflicting, atomically: true, encoding: .utf8)
            let refused = try spor(["import", conflicting.path])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("the id is already stored with other content"), "\(refused.stderr)")
            let verified = try spor(["verify"])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("ok: 2500 records"), "\(verified.stdout)")
        }
    }

    /// A CPR number in an import into a store started without the pseudonymisation key: the file is refused with
    /// the reason, the number is never echoed, and nothing is written.
    @Test func aCPRRowWithoutTheKeyRefusesTheFileAndIsNeverEchoed() async throws {
        let folder = try TemporaryFolder(prefix: "spor-pg-import-cpr")
        defer { folder.remove() }
        let csv = folder.path("cpr.csv")
        let cpr = "010190-1234"
        try [
            "citizen,cpr,instrument,administeredAt,item1,item2,item3,item4,item5",
            "c-1,,who5,2026-02-02,1,1,1,1,1",
            ",\(cpr),who5,2026-02-02,2,2,2,2,2",
        ].joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        try await TestPostgres.withDatabase { store, _ in
            let refused = try await TestDaemon.spor(["import", csv.path, "--store", store])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("no pseudonymisation key"), "\(refused.stderr)")
            #expect(!refused.stdout.contains(cpr) && !refused.stderr.contains(cpr))
            #expect(!refused.stderr.contains(cpr.replacingOccurrences(of: "-", with: "")))
            let verified = try await TestDaemon.spor(["verify", "--store", store])
            #expect(verified.stdout.contains("ok: 0 records"), "\(verified.stdout)")
        }
    }
}
