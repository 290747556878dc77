import Foundation
import SporInstruments
import SporTesting
import Testing

/// The real binary, killed with SIGKILL at random moments while it appends, loses nothing it acknowledged.
@Suite struct CrashTests {
    @Test func killedWriterLosesNothingAcknowledged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var random = SeededGenerator(seed: 20_261_123)
        var acknowledged = Set<String>()
        for round in 0..<24 {
            acknowledged.formUnion(
                try SporBinary.killed(
                    ["stress", "--data", folder.url.path, "--writers", "4", "--batch", round % 3 == 0 ? "5" : "1"],
                    after: Double.random(in: 0.05...0.35, using: &random)))
        }
        #expect(acknowledged.count > 20)
        let verify = try spor(["verify"], data: folder)
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        let dump = try spor(["log", "dump"], data: folder)
        #expect(dump.status == 0)
        let stored = Set(dumpedIDs(dump.stdout))
        #expect(acknowledged.subtracting(stored).isEmpty)
        // A write command opens the folder, cutting off any torn end; the log is then clean.
        let record = try spor(
            ["record", "--citizen", "c-1", "--instrument", "who5", "--date", "2026-01-01", "--answers", "1,1,1,1,1"],
            data: folder)
        #expect(record.status == 0)
        let after = try spor(["verify", "--format", "json"], data: folder)
        #expect(after.stdout.contains("\"ok\":true"))
        #expect(after.stdout.contains("\"tornBytes\":0"))
    }

    @Test func killedImportLeavesALogThatOpensAndARerunFinishesIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = SyntheticData(seed: 7, responses: 100_000)
        let file = folder.path("data.csv")
        try data.writeCSV(to: file)
        var random = SeededGenerator(seed: 20_261_124)
        for _ in 0..<3 {
            let (process, _) = try SporBinary.start(["import", file.path, "--data", folder.url.path])
            Thread.sleep(forTimeInterval: Double.random(in: 0.2...3, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let verify = try spor(["verify"], data: folder)
            #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        }
        let rerun = try spor(["import", file.path, "--format", "json"], data: folder)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let dump = try spor(["log", "dump"], data: folder)
        #expect(dumpedIDs(dump.stdout) == data.all().map { $0.id.uuidString.lowercased() })
    }

    @Test func secondProcessGetsTheHoldersPid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (process, output) = try SporBinary.start(["stress", "--data", folder.url.path, "--writers", "1"])
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        _ = output.availableData  // the first acknowledged id: the lock is held
        let result = try spor(
            ["record", "--citizen", "c-1", "--instrument", "who5", "--date", "2026-01-01", "--answers", "1,1,1,1,1"],
            data: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("in use by process \(process.processIdentifier)"))
    }
}
