import Foundation
import SporTesting
import Testing

/// `--data` and `--store` are one choice on every command that takes both, checked before anything is opened.
@Suite struct StoreArgumentCommandTests {
    @Test(arguments: [
        (
            ["serve", "--data", "DATA", "--store", "postgresql://spor@db.example/spor"],
            "give --data or --store, not both"
        ),
        (
            [
                "report", "trends", "--instrument", "who5", "--data", "DATA", "--store",
                "postgresql://spor@db.example/spor",
            ],
            "give --data or --store, not both"
        ),
        (["token", "list", "--store", "DATA"], "--store takes a postgresql:// URL"),
        (["serve", "--store", "mysql://spor@db.example/spor"], "--store takes a postgresql:// URL"),
        (
            ["import", "DATA/rows.csv", "--data", "DATA", "--store", "postgresql://spor@db.example/spor"],
            "give --data or --store, not both"
        ),
        (
            ["serve", "--store", "postgresql://spor@db.example/spor", "--snapshot-after", "5"],
            "--snapshot-after goes with --cache"
        ),
        (["serve", "--store", "postgresql://spor@db.example/spor", "--cache", ""], "--cache takes a folder"),
        (
            ["trajectory", "c-1", "--store", "postgresql://spor@db.example/spor", "--cache", " "],
            "--cache takes a folder"
        ),
        (["trajectory", "c-1", "--data", "DATA", "--cache", "DATA"], "--cache goes with --store"),
        (
            ["serve", "--store", "postgresql://spor@db.example/spor", "--cache", "DATA", "--snapshot-after", "0"],
            "--snapshot-after must be at least 1"
        ),
        (
            ["serve", "--store", "postgresql://spor@db.example/spor", "--cache", "DATA", "--snapshot-after", "-3"],
            "snapshot-after"
        ),
        (
            [
                "report", "--instrument", "who5", "--store", "postgresql://spor@db.example/spor", "--snapshot-after",
                "5",
            ],
            "--snapshot-after goes with --cache"
        ),
        (
            ["record", "--store", "postgresql://spor@db.example/spor", "--cache", "DATA", "--snapshot-after", "0"],
            "--snapshot-after must be at least 1"
        ),
    ])
    func aWrongChoiceIsAUsageErrorAndOpensNothing(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try SporBinary.run(
            arguments.map { $0.replacingOccurrences(of: "DATA", with: folder.url.path) })
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
