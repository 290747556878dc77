import Foundation
import SporTesting
import Testing

/// The pseudonymisation key is bound to the log: once the log holds data, every command refuses a missing,
/// replaced or unreadable `pseudonym.key` with a message saying how to restore it, and never makes a new key.
@Suite(.timeLimit(.minutes(5))) struct PseudonymKeyTests {
    /// A data folder with responses, one recorded by CPR number.
    func folderWithData() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let file = folder.path("data.jsonl")
        try SyntheticData(seed: 3, responses: 20).writeJSONL(to: file)
        #expect(try spor(["import", file.path], data: folder).status == 0)
        let cpr = #"{"cpr":"010190-1234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#
        let record = try spor(["record", "-"], data: folder, stdin: cpr)
        #expect(record.status == 0, "\(record.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path("pseudonym.key").path))
        return folder
    }

    /// Every command that reads or writes the log, on `folder`.
    func commands(_ folder: TemporaryFolder) throws -> [(String, SporBinary.Result)] {
        let file = folder.path("more.jsonl")
        try SyntheticData(seed: 4, responses: 3).writeJSONL(to: file)
        let id = "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11"
        let runs: [[String]] = [
            ["record", "--citizen", "c-1", "--instrument", "who5", "--date", "2026-01-01", "--answers", "1,1,1,1,1"],
            [
                "record", "--cpr", "010190-1234", "--instrument", "who5", "--date", "2026-01-01", "--answers",
                "1,1,1,1,1",
            ],
            ["import", file.path],
            ["correct", id, "--answers", "1,1,1,1,1", "--reason", "tastefejl"],
            ["retract", id, "--reason", "fejl"],
            ["verify"],
            ["log", "dump"],
            ["trajectory", "c-1"],
            ["report", "--instrument", "who5"],
        ]
        return try runs.map { ($0.prefix(2).joined(separator: " "), try spor($0, data: folder)) }
    }

    func expectEveryCommandRefuses(_ folder: TemporaryFolder, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let keyFile = folder.path("pseudonym.key")
        let keyBefore = try? Data(contentsOf: keyFile)
        let segmentsBefore = try SegmentFiles(folder: folder).contents()
        for (command, result) in try commands(folder) {
            #expect(result.status != 0, "\(command) did not refuse", sourceLocation: sourceLocation)
            #expect(
                result.stderr.contains("pseudonym.key"), "\(command): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(
                result.stderr.contains("SPOR_PSEUDONYM_KEY"), "\(command): \(result.stderr)",
                sourceLocation: sourceLocation)
            #expect(!result.stderr.contains("010190"), sourceLocation: sourceLocation)
        }
        #expect((try? Data(contentsOf: keyFile)) == keyBefore, "a new key appeared", sourceLocation: sourceLocation)
        #expect(try SegmentFiles(folder: folder).contents() == segmentsBefore, sourceLocation: sourceLocation)
    }

    @Test func removedKeyIsRefusedAndNotReplaced() throws {
        let folder = try folderWithData()
        defer { folder.remove() }
        try FileManager.default.removeItem(at: folder.path("pseudonym.key"))
        try expectEveryCommandRefuses(folder)
        #expect(!FileManager.default.fileExists(atPath: folder.path("pseudonym.key").path))
    }

    @Test func replacedKeyIsRefused() throws {
        let folder = try folderWithData()
        defer { folder.remove() }
        try Data((0..<32).map { UInt8($0) }).write(to: folder.path("pseudonym.key"))
        try expectEveryCommandRefuses(folder)
    }

    @Test func unreadableKeyIsAClearError() throws {
        let folder = try folderWithData()
        defer { folder.remove() }
        // A folder where the file should be: unreadable even for root (who ignores file modes).
        try FileManager.default.removeItem(at: folder.path("pseudonym.key"))
        try FileManager.default.createDirectory(at: folder.path("pseudonym.key"), withIntermediateDirectories: false)
        try expectEveryCommandRefuses(folder)
    }

    @Test func restoredKeyOpensAgain() throws {
        let folder = try folderWithData()
        defer { folder.remove() }
        let key = try Data(contentsOf: folder.path("pseudonym.key"))
        try FileManager.default.removeItem(at: folder.path("pseudonym.key"))
        #expect(try spor(["verify"], data: folder).status != 0)
        let hex = key.map { String(format: "%02x", $0) }.joined()
        let fromEnvironment = try SporBinary.run(
            ["verify", "--data", folder.url.path], environment: ["SPOR_PSEUDONYM_KEY": hex])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        try key.write(to: folder.path("pseudonym.key"))
        #expect(try spor(["verify"], data: folder).status == 0)
    }
}
