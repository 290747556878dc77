import Foundation
import SporInstruments
import SporTesting
import Testing

/// The CPR rule at every door of the `spor` command, through the real binary: `record`, CSV and JSON Lines imports
/// (fast and general paths), the reasons of `correct` and `retract`, `token create --name`. Each refuses generated
/// CPR shapes, and afterwards no file of the data folder and nothing printed holds any of them.
@Suite struct CPRCommandTests {
    static let flags = ["--instrument=who5", "--date=2026-03-14", "--answers=3,4,2,3,1"]

    /// Expects that what a run printed holds none of the shapes, naming only how many it holds.
    static func expectNoLeak(
        _ result: SporBinary.Result, _ shapes: [CPRShapeGenerator.Shape],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = CPRShapeGenerator.occurrences(of: shapes, in: Data((result.stdout + result.stderr).utf8))
        #expect(found == 0, "CPR shapes found in what spor printed", sourceLocation: sourceLocation)
    }

    /// Expects that no file under `folder` holds any of the shapes.
    static func expectCleanFolder(
        _ folder: TemporaryFolder, _ shapes: [CPRShapeGenerator.Shape], except: Set<String> = []
    ) throws {
        let files = FileManager.default.enumerator(at: folder.url, includingPropertiesForKeys: nil)!.compactMap {
            $0 as? URL
        }
        for file in files where !file.hasDirectoryPath && !except.contains(file.lastPathComponent) {
            let found = CPRShapeGenerator.occurrences(of: shapes, in: try Data(contentsOf: file))
            #expect(found == 0, "CPR shapes found in \(file.lastPathComponent)")
        }
    }

    @Test("spor record refuses a CPR shape in --citizen, --unit and --intervention")
    func record() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var labels = CPRShapeGenerator(seed: 401, alphabet: .label)
        var shapes: [CPRShapeGenerator.Shape] = []
        for number in 0..<300 {
            let shape = labels.shape()
            shapes.append(shape)
            var fields = ["citizen": "c-1", "unit": "bostotte-nord"]
            let field = ["citizen", "unit", "intervention"][number % 3]
            fields[field] = shape.text
            let result = try spor(["record"] + Self.flags + fields.map { "--\($0.key)=\($0.value)" }, data: folder)
            #expect(result.status != 0)
            #expect(result.stderr.contains("\(field): ") && result.stderr.contains("(cpr)"))
            Self.expectNoLeak(result, [shape])
        }
        #expect(try spor(["record", "--citizen=c-1"] + Self.flags, data: folder).status == 0)
        try Self.expectCleanFolder(folder, shapes)
    }

    @Test("CSV and JSON Lines imports refuse every row with a CPR shape, on the fast and the general path")
    func imports() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var labels = CPRShapeGenerator(seed: 501, alphabet: .label)
        var texts = CPRShapeGenerator(seed: 502, alphabet: .text)
        var shapes: [CPRShapeGenerator.Shape] = []
        var csv = "citizen,instrument,administeredAt,item1,item2,item3,item4,item5,unit,intervention\n"
        var jsonl = ""
        for number in 0..<300 {
            let shape = labels.shape()
            shapes.append(shape)
            var fields = ["c-\(number)", "bostotte-nord", "SEL85"]
            fields[number % 3] = shape.text
            // Every fifth CSV row quotes a field, which takes it off the fast path.
            let citizen = number % 5 == 0 ? "\"\(fields[0])\"" : fields[0]
            csv += "\(citizen),who5,2026-03-14,3,4,2,3,1,\(fields[1]),\(fields[2])\n"
            let general = texts.shape()
            shapes.append(general)
            let unit = number % 2 == 0 ? shape.text : general.text
            jsonl +=
                #"{"citizen":"c-\#(number)","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1],"unit":\#(JSONWriter.quoted(unit))}"#
                + "\n"
        }
        let valid = "c-ok,who5,2026-03-14,3,4,2,3,1,bostotte-nord,SEL85\n"
        for (name, text) in [("rows.csv", csv), ("rows.jsonl", jsonl)] {
            let file = folder.path(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            let refused = try spor(["import", file.path], data: folder)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("(cpr)"))
            #expect(refused.stderr.contains("nothing written: 300 of 300 rows are invalid"))
            Self.expectNoLeak(refused, shapes)
        }
        // With --skip-invalid the valid row is written and the rejected file names lines and rules, not the numbers.
        let mixed = folder.path("mixed.csv")
        try (csv + valid).write(to: mixed, atomically: true, encoding: .utf8)
        let rejected = folder.path("mixed.rejected")
        let skipped = try spor(["import", mixed.path, "--skip-invalid", "--rejected", rejected.path], data: folder)
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("written 1, already stored 0, rejected 300"))
        Self.expectNoLeak(skipped, shapes)
        let rejectedText = try String(contentsOf: rejected, encoding: .utf8)
        #expect(rejectedText.split(separator: "\n").count == 300)
        let inRejected = CPRShapeGenerator.occurrences(of: shapes, in: Data(rejectedText.utf8))
        #expect(inRejected == 0)
        try Self.expectCleanFolder(folder, shapes, except: ["rows.csv", "rows.jsonl", "mixed.csv"])
    }

    @Test("spor correct and spor retract refuse a reason holding a CPR shape")
    func reasons() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let id = "6b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11"
        #expect(try spor(["record", "--id=\(id)", "--citizen=c-1"] + Self.flags, data: folder).status == 0)
        var texts = CPRShapeGenerator(seed: 601, alphabet: .text)
        var shapes: [CPRShapeGenerator.Shape] = []
        for number in 0..<200 {
            let shape = texts.shape()
            shapes.append(shape)
            let arguments =
                number % 2 == 0
                ? ["correct", id, "--answers=1,1,1,1,1", "--reason=\(shape.text)"]
                : ["retract", id, "--reason=\(shape.text)"]
            let result = try spor(arguments, data: folder)
            #expect(result.status != 0)
            #expect(result.stderr.contains("reason"))
            Self.expectNoLeak(result, [shape])
        }
        #expect(try spor(["retract", id, "--reason=tastefejl"], data: folder).status == 0)
        try Self.expectCleanFolder(folder, shapes)
    }

    @Test("spor token create refuses a name holding a CPR shape, and revoke does not repeat it")
    func tokenNames() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var labels = CPRShapeGenerator(seed: 701, alphabet: .label)
        var shapes: [CPRShapeGenerator.Shape] = []
        for number in 0..<200 {
            let shape = labels.shape()
            shapes.append(shape)
            let result =
                number % 4 == 3
                ? try spor(
                    ["token", "create", "--role=staff", "--name=anna-\(number)", "--unit=\(shape.text)"], data: folder)
                : try spor(["token", "create", "--role=admin", "--name=\(shape.text)"], data: folder)
            #expect(result.status != 0)
            #expect(result.stderr.contains("CPR number"))
            Self.expectNoLeak(result, [shape])
            if number % 10 == 0 {
                let revoke = try SporBinary.run(["token", "revoke", "--data", folder.url.path, "--", shape.text])
                #expect(revoke.status != 0)
                Self.expectNoLeak(revoke, [shape])
            }
        }
        #expect(try spor(["token", "create", "--role=admin", "--name=anna"], data: folder).status == 0)
        try Self.expectCleanFolder(folder, shapes)
    }
}
