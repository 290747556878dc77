import Foundation
import SporInstruments
import SporTesting
import Testing

/// Every write of a command names its author in the log: `cli` and the operating-system user for `record`,
/// `correct` and `retract`; `import`, the user and the file's SHA-256 for `import`. An old-format log takes new
/// authored records.
@Suite struct AuthorshipCommandTests {
    /// The user the binary runs as, looked up here on its own.
    static var user: String { String(cString: getpwuid(geteuid())!.pointee.pw_name) }

    /// The `author` object of each line of a `spor log dump`.
    static func authors(_ dump: String) throws -> [[String: String]] {
        try dump.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object?["author"] as? [String: String])
        }
    }

    /// The SHA-256 of a file as `sha256sum` computes it, apart from Spor's code.
    static func sha256sum(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    @Test func recordCorrectAndRetractAreSignedWithTheUser() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let id = "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11"
        let commands = [
            [
                "record", "--id", id, "--citizen", "c-1", "--instrument", "who5", "--date", "2026-03-14", "--answers",
                "3,4,2,3,1",
            ],
            ["correct", id, "--answers", "3,4,2,3,2", "--reason", "tastefejl"],
            ["retract", id, "--reason", "forkert borger"],
        ]
        for command in commands {
            let result = try spor(command, data: folder)
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
        }
        let dump = try spor(["log", "dump", "--format", "json"], data: folder)
        #expect(dump.status == 0)
        #expect(try Self.authors(dump.stdout) == Array(repeating: ["kind": "cli", "user": Self.user], count: 3))

        let history = try spor(["trajectory", "c-1", "--history"], data: folder)
        for event in ["recorded", "corrected", "retracted"] {
            #expect(
                history.stdout.split(separator: "\n").contains {
                    $0.contains(" \(event) ") && $0.contains("\(Self.user) (cli)")
                }, "\(event): \(history.stdout)")
        }
        let json = try spor(["trajectory", "c-1", "--history", "--format", "json"], data: folder)
        #expect(json.stdout.components(separatedBy: #""author": {"#).count - 1 == 3, "\(json.stdout)")
    }

    @Test func anImportIsSignedWithTheUserAndTheSHA256OfTheFileItRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = SyntheticData(seed: 7, responses: 20_000)
        let file = folder.path("rows.csv")
        try data.writeCSV(to: file)
        let digest = try Self.sha256sum(file)
        #expect(digest.count == 64)
        let result = try spor(["import", file.path], data: folder)
        #expect(result.stdout == "written 20000, already stored 0, rejected 0\n", "\(result.stderr)")
        let dump = try spor(["log", "dump"], data: folder)
        let authors = try Self.authors(dump.stdout)
        #expect(authors.count == 20_000)
        #expect(Set(authors) == [["kind": "import", "user": Self.user, "sha256": digest]])

        // Another file (JSON Lines, other rows) is another author; rows already stored keep their first author.
        let more = folder.path("more.jsonl")
        try SyntheticData(seed: 8, responses: 10).writeJSONL(to: more)
        #expect(try spor(["import", more.path], data: folder).status == 0)
        let after = try Self.authors(try spor(["log", "dump"], data: folder).stdout)
        #expect(after.count == 20_010)
        #expect(Set(after.suffix(10)) == [["kind": "import", "user": Self.user, "sha256": try Self.sha256sum(more)]])
    }

    @Test func anOldFormatLogVerifiesDumpsUnknownAuthorsAndTakesNewAuthoredRecords() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fixture = Repository.fixture("logs/v1")
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.path)
        where name.hasSuffix(".log") || name == "pseudonym.key" {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: folder.path(name))
        }
        let verified = try spor(["verify"], data: folder)
        #expect(verified.status == 0 && verified.stdout.contains("7 records"), "\(verified.stdout)\(verified.stderr)")
        let before = try spor(["log", "dump"], data: folder)
        #expect(try Self.authors(before.stdout) == Array(repeating: ["kind": "unknown"], count: 7))

        let old = "11111111-1111-4111-8111-111111111111"
        #expect(try spor(["correct", old, "--answers", "3,4,2,3,3", "--reason", "igen"], data: folder).status == 0)
        #expect(
            try spor(
                [
                    "record", "--citizen", "c-fixture-1", "--instrument", "who5", "--date", "2026-07-01",
                    "--answers", "4,4,4,4,4",
                ], data: folder
            ).status == 0)
        #expect(try spor(["verify"], data: folder).stdout.contains("9 records"))
        let after = try Self.authors(try spor(["log", "dump"], data: folder).stdout)
        #expect(
            after == Array(repeating: ["kind": "unknown"], count: 7)
                + Array(repeating: ["kind": "cli", "user": Self.user], count: 2))
        let history = try spor(["trajectory", "c-fixture-1", "--history", "--instrument", "who5"], data: folder).stdout
        #expect(history.contains("unknown") && history.contains("\(Self.user) (cli)"), "\(history)")
    }
}
