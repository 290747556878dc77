import Foundation
import SporTesting
import Testing

/// One `--format` for every command; each refuses the formats that do not fit what it prints, before it opens
/// anything.
@Suite struct OutputFormatCommandTests {
    @Test(arguments: [
        (["summary", "c1", "--since", "2026-01-01", "--format", "svg"], "table, json or csv"),
        (["token", "list", "--format", "csv"], "table or json"),
        (["verify", "--format", "csv"], "table or json"),
    ])
    func aFormatTheCommandDoesNotOfferIsAUsageError(arguments: [String], offered: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try spor(arguments, data: folder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("is not offered by this command: expected \(offered)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func scoreOffersTableAndJSON() throws {
        let refused = try SporBinary.run(["score", "who5", "1", "2", "3", "4", "5", "--format", "svg"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--format svg is not offered by this command: expected table or json"))
        let json = try SporBinary.run(["score", "who5", "1", "2", "3", "4", "5", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"raw\":15"))
    }
}
