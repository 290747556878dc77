import Foundation
import SporTesting
import Testing

/// Every CLI read of individual data leaves a line in the access audit trail (docs/access.md), on the real binary;
/// `spor audit --format json` lists them as JSON Lines, one read a line.
@Suite struct ReadAuditCommandTests {
    /// The audit trail as `spor audit --format json` prints it: one JSON object per line.
    static func auditLines(_ folder: TemporaryFolder) throws -> [[String: Any]] {
        let result = try spor(["audit", "--format", "json"], data: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty || result.stdout.hasSuffix("\n"))
        return try result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object, "not a JSON object: \(line)")
        }
    }

    @Test func trajectorySummaryDumpAndSmallCellReportsAreAudited() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path("data.csv")
        try [
            "citizen,instrument,administeredAt,item1,item2,item3,item4,item5,unit",
            "c-1,who5,2026-01-14,1,1,1,1,1,bostotte-nord",
            "c-1,who5,2026-03-14,3,4,2,3,1,bostotte-nord",
            "c-2,who5,2026-03-20,5,5,5,5,5,bostotte-syd",
        ].joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let imported = try spor(["import", file.path], data: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try Self.auditLines(folder).isEmpty)  // an import reads no one

        // Each read, and the lines it must add: (endpoint, citizen or nil for a bulk read).
        let reads: [([String], String, String?)] = [
            (["trajectory", "c-1"], "cli trajectory", "c-1"),
            (["trajectory", "c-2", "--format", "json"], "cli trajectory", "c-2"),
            (["summary", "c-1", "--since", "2026-01-01"], "cli summary", "c-1"),
            (["log", "dump"], "cli log dump", nil),
            (["report", "--instrument", "who5", "--min-cell", "1", "--allow-small-cells"], "cli report", nil),
        ]
        var expected: [(String, String?)] = []
        for (arguments, endpoint, citizen) in reads {
            let result = try spor(arguments, data: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            expected.append((endpoint, citizen))
            let lines = try Self.auditLines(folder)
            #expect(lines.count == expected.count, "\(arguments) leaves exactly one line")
            guard let last = lines.last else { continue }
            #expect(last["endpoint"] as? String == endpoint, "\(arguments)")
            if let citizen {
                #expect(last["citizen"] as? String == citizen, "\(arguments)")
            } else {
                #expect(last["citizen"] is NSNull, "\(arguments) is a bulk read: citizen null")
            }
            #expect(last["role"] as? String == "admin", "the CLI acts as admin")
            #expect((last["who"] as? String).map { !$0.isEmpty } == true, "the operating-system user")
            #expect((last["at"] as? String)?.hasSuffix("Z") == true)
        }

        // Reads of no one's individual data leave no line: a suppressed report, the audit listing itself.
        let suppressed = try spor(["report", "--instrument", "who5"], data: folder)
        #expect(suppressed.status == 0, "\(suppressed.stderr)")
        // A read that answers nothing (unknown citizen) leaves no line either.
        let unknown = try spor(["trajectory", "c-unknown"], data: folder)
        #expect(unknown.status != 0)
        let lines = try Self.auditLines(folder)
        #expect(lines.map { $0["endpoint"] as? String } == expected.map(\.0))

        // One citizen's lines through --citizen; the table format has one line per read as well.
        let c1 = try spor(["audit", "--format", "json", "--citizen", "c-1"], data: folder)
        #expect(c1.stdout.split(separator: "\n").count == 2)
        let table = try spor(["audit"], data: folder)
        #expect(table.stdout.split(separator: "\n").count == expected.count)
    }
}
