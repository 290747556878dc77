import Foundation
import SporTesting
import Testing

@Suite struct VerifyCommandTests {
    /// A data folder with `count` generated responses imported.
    func importedFolder(_ count: Int) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let file = folder.path("data.jsonl")
        try SyntheticData(seed: 5, responses: count).writeJSONL(to: file)
        let result = try spor(["import", file.path], data: folder)
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    @Test func reportsCountAndHead() throws {
        let folder = try importedFolder(50)
        defer { folder.remove() }
        let result = try spor(["verify"], data: folder)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("ok: 50 records, head "))
        let dump = try spor(["log", "dump"], data: folder)
        let lines = dump.stdout.split(separator: "\n")
        #expect(lines.count == 50)
        #expect(lines.last!.contains("\"sequence\":49"))
        let head = String(result.stdout.split(separator: " ")[4].prefix(64))
        #expect(lines.last!.contains("\"hash\":\"\(head)\""))
    }

    @Test func flippedByteMakesVerifyFailNamingSegmentAndOffset() throws {
        let folder = try importedFolder(40)
        defer { folder.remove() }
        let url = folder.path("segment-00000001.log")
        var bytes = Array(try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: url)
        let result = try spor(["verify", "--format", "json"], data: folder)
        #expect(result.status != 0)
        #expect(result.stdout.contains("\"ok\":false,\"segment\":\"segment-00000001.log\",\"offset\":"))
        let table = try spor(["verify"], data: folder)
        #expect(table.stdout.contains("segment-00000001.log at byte offset"))
        let record = try spor(
            ["record", "--citizen", "c-1", "--instrument", "who5", "--date", "2026-01-01", "--answers", "1,1,1,1,1"],
            data: folder)
        #expect(record.status != 0)
        #expect(record.stderr.contains("segment-00000001.log at byte offset"))
    }
}
