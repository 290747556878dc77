import Foundation
import SporInstruments
import SporTesting
import Testing

@Suite struct ImportCommandTests {
    @Test func importsCSVAndJSONLAndSkipsWhatIsStored() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = SyntheticData(seed: 42, responses: 3000)
        try data.writeCSV(to: folder.path("data.csv"))
        try data.writeJSONL(to: folder.path("data.jsonl"))
        let first = try spor(["import", folder.path("data.csv").path], data: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "written 3000, already stored 0, rejected 0\n")
        let again = try spor(["import", folder.path("data.jsonl").path, "--format", "json"], data: folder)
        #expect(again.stdout == "{\"written\":0,\"alreadyStored\":3000,\"rejected\":0,\"rejectedFile\":null}\n")
        let dump = try spor(["log", "dump"], data: folder)
        #expect(dumpedIDs(dump.stdout) == data.all().map { $0.id.uuidString.lowercased() })
    }

    /// Rows without an id get one derived from the row and its place in the file, so a second import of the same
    /// file stores nothing twice; a CPR row gets the same id whether it takes the fast or the general path.
    @Test func rowsWithoutIDsAreNotStoredTwiceByASecondImport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rows = [
            "citizen,cpr,instrument,administeredAt,item1,item2,item3,item4,item5,unit,intervention,mode",
            "c-1,,who5,2026-03-14,3,4,2,3,1,bostotte-nord,SEL85,self",
            "c-1,,who5,2026-03-14,3,4,2,3,1,bostotte-nord,SEL85,self",  // the same answers again: a second response
            ",010190-1234,brief-inspire-o,2026-03-14,3,2,2,3,,,,",
            "\"c-2\",,who5,2026-04-01,5,5,5,5,5,,,",  // quoted: the general path
        ]
        let file = folder.path("no-ids.csv")
        try rows.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let environment = ["SPOR_PSEUDONYM_KEY": String(repeating: "ab", count: 32)]
        let first = try SporBinary.run(["import", file.path, "--data", folder.url.path], environment: environment)
        #expect(first.stdout == "written 4, already stored 0, rejected 0\n", "\(first.stderr)")
        let again = try SporBinary.run(["import", file.path, "--data", folder.url.path], environment: environment)
        #expect(again.stdout == "written 0, already stored 4, rejected 0\n", "\(again.stderr)")
        // The log is bound to the key from the environment: every command needs it.
        let ids = dumpedIDs(
            try SporBinary.run(["log", "dump", "--data", folder.url.path], environment: environment).stdout)
        #expect(ids.count == 4 && Set(ids).count == 4)
        #expect(ids.allSatisfy { $0.dropFirst(14).first == "8" })  // version 8: derived, not random
    }

    static let header = "id,citizen,cpr,instrument,administeredAt,item1,item2,item3,item4,item5,unit,intervention,mode"
    static let badRows = [
        // line 2: valid
        "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11,c-1,,who5,2026-03-14,3,4,2,3,1,bostotte-nord,SEL85,self",
        ",,,who5,2026-03-14,3,4,2,3,1,,,",  // 3: citizen required
        ",c-1,,who5,2026-03-14,3,4,9,3,1,,,",  // 4: answers[2] range
        ",c-1,,who5,2026-02-30,3,4,2,3,1,,,",  // 5: administeredAt format
        ",c-1,,who5,2099-01-01,3,4,2,3,1,,,",  // 6: administeredAt future
        ",c-1,,phq9,2026-03-14,3,4,2,3,1,,,",  // 7: instrument unknownInstrument
        ",c-1,,who5,2026-03-14,3,4,2,3",  // 8: line count
        ",\"c-1,,who5,2026-03-14,3,4,2,3,1,,,",  // 9: unclosed quote
        ",010190-1234,,who5,2026-03-14,3,4,2,3,1,,,",  // 10: citizen format (a CPR number in citizen)
        ",,320190-1234,who5,2026-03-14,3,4,2,3,1,,,",  // 11: cpr date
        ",c-1,010190-1234,who5,2026-03-14,3,4,2,3,1,,,",  // 12: cpr exclusive
        ",c-1,,who5,2026-03-14,3,x,2,3,1,,,",  // 13: answers[1] type
        ",c-1,,who5,2026-03-14,3,4,2,3,1,,,walking",  // 14: mode format
        "not-a-uuid,c-1,,who5,2026-03-14,3,4,2,3,1,,,",  // 15: id format
        "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11,c-1,,who5,2026-03-14,0,0,0,0,0,,,",  // 16: id conflict within the file
    ]

    @Test func anyBadRowWritesNothingAndNamesLineFieldAndRule() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path("bad.csv")
        try ([Self.header] + Self.badRows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try spor(["import", file.path], data: folder)
        #expect(result.status != 0)
        for expected in [
            "line 3: citizen:", "(required)", "line 4: answers[2]:", "(range)", "line 5: administeredAt:", "(format)",
            "line 6: administeredAt:", "(future)", "line 7: instrument:", "(unknownInstrument)", "line 8: line:",
            "(count)",
            "line 9: line:", "line 10: citizen:", "line 11: cpr:", "(date)", "line 12: cpr:", "(exclusive)",
            "line 13: answers[1]:", "(type)", "line 14: mode:", "line 15: id:", "line 16: id:", "(conflict)",
            "nothing written: 14 of 15 rows are invalid",
        ] {
            #expect(result.stderr.contains(expected), "missing \(expected)")
        }
        #expect(!result.stderr.contains("line 2:"))
        #expect(!result.stderr.contains("1234"))
        #expect(try spor(["verify"], data: folder).stdout.hasPrefix("ok: 0 records"))
    }

    @Test func skipInvalidWritesValidRowsAndNamesTheRejectedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path("bad.csv")
        try ([Self.header] + Self.badRows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try spor(["import", file.path, "--skip-invalid"], data: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "written 1, already stored 0, rejected 14 (see \(file.path).rejected)\n")
        let rejected = try String(contentsOf: URL(fileURLWithPath: file.path + ".rejected"), encoding: .utf8)
        let lines = rejected.split(separator: "\n")
        #expect(lines.count == 14)
        #expect(lines[0].hasPrefix("line 3\tcitizen:required\t"))
        #expect(try spor(["verify"], data: folder).stdout.hasPrefix("ok: 1 records"))
    }

    @Test func conflictWithTheLogIsARowError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(
            try spor(
                [
                    "record", "--id", "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11", "--citizen", "c-1", "--instrument",
                    "who5",
                    "--date", "2026-03-14", "--answers", "1,1,1,1,1",
                ], data: folder
            ).status == 0)
        let file = folder.path("one.csv")
        try ([Self.header, Self.badRows[0]]).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try spor(["import", file.path], data: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 2: id: the id is already stored with other content (conflict)"))
    }

    @Test(arguments: ["empty.csv", "header.csv", "empty.jsonl"])
    func fileWithoutRowsIsAnError(name: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path(name)
        try (name == "header.csv" ? Self.header + "\n" : "").write(to: file, atomically: true, encoding: .utf8)
        let result = try spor(["import", file.path], data: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no rows"))
    }

    @Test func overLongLineIsRefusedWithoutReadingItWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.path("long.jsonl")
        let good = SyntheticData.jsonLine(SyntheticData(seed: 1, responses: 1).all()[0])
        let long = "{\"citizen\":\"" + String(repeating: "a", count: 3 << 20) + "\"}"
        try [good, long, good].joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try spor(["import", file.path], data: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 2: line: the line is longer than 65536 bytes (tooLong)"))
        #expect(!result.stderr.contains("aaaa"))
    }

    @Test func unknownColumnsAndFileTypesAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let csv = folder.path("x.csv")
        try "citizen,instrument,administeredAt,item1,secret\nc-1,who5,2026-01-01,1,2\n".write(
            to: csv, atomically: true, encoding: .utf8)
        let result = try spor(["import", csv.path], data: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1: header:"))
        #expect(result.stderr.contains("(unknownField)"))
        let txt = folder.path("x.txt")
        try "".write(to: txt, atomically: true, encoding: .utf8)
        #expect(try spor(["import", txt.path], data: folder).stderr.contains(".csv or .jsonl"))
    }
}
