import Foundation
import Logging
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporLog

/// The import's fast paths (``CSVFastPath``, ``JSONLFastPath``) held to the general validator: for every line of a
/// file, the pipeline `UseCases.importFile` runs (``ImportFile/parse(validator:resolver:progress:)``) and the
/// general path alone (``CSVLine`` fields or `JSONParser` into a `RawResponse`, checked by `ResponseValidator`) give
/// the same verdict, the same problems (field and rule) for a refused line and the same stored record for an
/// accepted one; and whenever a fast path takes a line by itself it builds exactly the response the general path
/// builds. Over 100,000 generated lines and over mutated ones (reordered columns and keys, quoting, escapes,
/// Unicode, overflowing numbers, wrong counts, empty fields, extra columns, CRLF), CSV and JSON Lines.
@Suite struct ImportDifferentialTests {
    /// Who the imports in this test are written by.
    static let author = Author.cli(user: AuthorName(rawValue: "differential")!)

    static let today = CalendarDate(year: 2026, month: 6, day: 30)!
    static let validator = ResponseValidator(today: today)
    static let canonical = [
        "id", "citizen", "cpr", "instrument", "administeredAt", "item1", "item2", "item3", "item4", "item5", "unit",
        "intervention", "mode",
    ]

    @Test func csvGeneratedLines() async throws {
        var generator = LineGenerator(seed: 1)
        let rows = (0..<100_000).map { _ in generator.row() }
        let columns = Self.canonical.map(Row.Column.init)
        let run = try await Self.compare(csv: Self.canonical, lines: rows.map { $0.csv(columns) }, fastPathEvery: 10)
        #expect(run.fastPathShare == 1, "every plain generated line takes the fast path")
        #expect(run.accepted == rows.count)
    }

    @Test func jsonlGeneratedLines() async throws {
        var generator = LineGenerator(seed: 2)
        let rows = (0..<100_000).map { _ in generator.row() }
        let run = try await Self.compare(jsonl: rows.map(\.json), fastPathEvery: 10)
        #expect(run.fastPathShare == 1, "every plain generated line takes the fast path")
        #expect(run.accepted == rows.count)
    }

    @Test func csvMutatedLines() async throws {
        var generator = LineGenerator(seed: 3)
        let columns = Self.canonical.map(Row.Column.init)
        let lines = (0..<20_000).map { _ in generator.mutateCSV(generator.mutatedRow().csv(columns)) }
        let run = try await Self.compare(csv: Self.canonical, lines: lines)
        #expect(run.accepted > 0 && run.refused > 0 && run.fastPathShare > 0)
    }

    @Test func csvReorderedAndMissingColumns() async throws {
        var generator = LineGenerator(seed: 4)
        let reordered = [
            "mode", "item3", "unit", "citizen", "item1", "administeredAt", "id", "item5", "instrument", "item2",
            "intervention", "item4", "cpr",
        ]
        let lines = (0..<10_000).map { _ in
            generator.mutateCSV(generator.mutatedRow().csv(reordered.map(Row.Column.init)))
        }
        let run = try await Self.compare(csv: reordered, lines: lines)
        #expect(run.accepted > 0 && run.refused > 0 && run.fastPathShare > 0)
        // Without an id column every row gets a derived id; without mode or intervention they are absent.
        let minimal = ["item5", "item4", "item3", "item2", "item1", "administeredAt", "instrument", "citizen", "unit"]
        let plain = (0..<5_000).map { _ in generator.row().csv(minimal.map(Row.Column.init)) }
        let minimalRun = try await Self.compare(csv: minimal, lines: plain)
        #expect(minimalRun.fastPathShare == 1 && minimalRun.accepted == plain.count)
    }

    @Test func jsonlMutatedLines() async throws {
        var generator = LineGenerator(seed: 5)
        let lines = (0..<20_000).map { _ in generator.mutateJSON(generator.mutatedRow().json) }
        let run = try await Self.compare(jsonl: lines)
        #expect(run.accepted > 0 && run.refused > 0 && run.fastPathShare > 0)
    }

    // MARK: - The comparison

    /// What one line came to.
    enum Verdict: Equatable, Sendable, CustomStringConvertible {
        /// The stored record: the log's payload of the response and its definition version.
        case accepted([UInt8])
        /// The problems, `field:rule`, in the order reported.
        case refused([String])

        var description: String {
            switch self {
            case .accepted(let payload): "accepted (\(payload.count) bytes)"
            case .refused(let problems): "refused \(problems)"
            }
        }
    }

    /// How a run went.
    struct Run: Sendable {
        var accepted = 0
        var refused = 0
        /// Lines the fast path was tried on alone, and took by itself.
        var fastPathTried = 0
        var fastPath = 0
        var fastPathShare: Double { Double(fastPath) / Double(max(fastPathTried, 1)) }
    }

    static func compare(csv columns: [String], lines: [String], fastPathEvery: Int = 1) async throws -> Run {
        try await compare(
            file: "data.csv", text: ([columns.joined(separator: ",")] + lines).joined(separator: "\n") + "\n",
            fastPathEvery: fastPathEvery)
    }

    static func compare(jsonl lines: [String], fastPathEvery: Int = 1) async throws -> Run {
        try await compare(file: "data.jsonl", text: lines.joined(separator: "\n") + "\n", fastPathEvery: fastPathEvery)
    }

    /// Writes `text` as `name` and compares, line by line, the pipeline with the general path, and the fast path
    /// alone with the general path on every `fastPathEvery`th line. (A fast path that took a line the wrong way
    /// would show in the pipeline's verdict already; calling it alone tells how many lines it takes.)
    static func compare(file name: String, text: String, fastPathEvery: Int) async throws -> Run {
        let folder = try TemporaryFolder(prefix: "spor-differential")
        defer { folder.remove() }
        let path = folder.path(name).path
        let bytes = Array(text.utf8)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })
        let data = try DataFolder(url: folder.path("data"), mode: .administering, logger: logger)

        // The pipeline, as UseCases.importFile drives it.
        var file = try ImportFile(path: path)
        defer { file.close() }
        let headerProblems = file.readHeader()
        #expect(headerProblems.isEmpty)
        let chunks = try await file.parse(validator: validator, resolver: data, author: Self.author, progress: { _ in })
        var pipeline: [Int: Verdict] = [:]
        for chunk in chunks {
            for (row, line) in chunk.lines.enumerated() {
                pipeline[line] = .accepted(chunk.batch.withPayload(row) { Array($0) })
            }
            for rejected in chunk.rejected {
                pipeline[rejected.line] = .refused(rejected.problems.map { "\($0.field):\($0.rule)" })
                #expect(rejected.problems.allSatisfy { $0.line == rejected.line })
            }
        }

        // The general path alone, and the fast path alone, line by line, in a few slices at once.
        let isCSV = name.hasSuffix(".csv")
        var lines = Self.lines(bytes)
        var columns: [(name: String, item: Int?)] = []
        if isCSV {
            let header = String(decoding: lines.removeFirst().bytes, as: UTF8.self)
            columns = header.split(separator: ",").map { name in
                (String(name), name.hasPrefix("item") ? Int(name.dropFirst(4)) : nil)
            }
        }
        for index in lines.indices { lines[index].row = index }
        #expect(pipeline.count == lines.count, "every line has one verdict")
        let reference = Reference(
            columns: columns.map(\.name), items: columns.map(\.item), isCSV: isCSV, resolver: data,
            fastPathEvery: fastPathEvery)
        let slices = 4
        let size = (lines.count + slices - 1) / slices
        let frozen = lines
        let verdicts = pipeline
        let results = try await withThrowingTaskGroup(of: (Run, [String]).self) { group in
            for start in stride(from: 0, to: frozen.count, by: size) {
                let slice = frozen[start..<min(start + size, frozen.count)]
                group.addTask { try reference.check(slice, against: verdicts) }
            }
            return try await group.reduce(into: [(Run, [String])]()) { $0.append($1) }
        }
        var run = Run()
        var differences: [String] = []
        for (part, found) in results {
            run.accepted += part.accepted
            run.refused += part.refused
            run.fastPath += part.fastPath
            run.fastPathTried += part.fastPathTried
            differences += found
        }
        #expect(differences.isEmpty, "\(differences.count) lines differ, such as: \(differences.sorted().prefix(10))")
        return run
    }

    /// The general path and the fast path of one file, line by line.
    struct Reference: Sendable {
        var columns: [String]
        var items: [Int?]
        var isCSV: Bool
        var resolver: DataFolder
        var fastPathEvery: Int

        var itemCount: Int { items.compactMap { $0 }.max() ?? 0 }

        /// The lines whose verdict differs from the pipeline's, or whose fast path differs from the general path.
        func check(_ lines: ArraySlice<Line>, against pipeline: [Int: Verdict]) throws -> (Run, [String]) {
            let itemCount = self.itemCount
            let csvFast = CSVFastPath(columns: Array(zip(columns, items)), itemCount: itemCount, validator: validator)
            let jsonlFast = JSONLFastPath(validator: validator)
            // One for all the lines, as for a stretch of a file.
            var recent = ResponseFastPath.Recent()
            var run = Run()
            var differences: [String] = []
            func describe(_ line: Line) -> String {
                "line \(line.number) \(String(decoding: line.bytes, as: UTF8.self))"
            }
            for line in lines {
                let general = try self.general(line, itemCount: itemCount)
                let matches: Bool
                switch (general, pipeline[line.number]) {
                case (.success(let response), .accepted(let payload)?):
                    run.accepted += 1
                    var batch = RecordBatch(author: ImportDifferentialTests.author)
                    try batch.append(response.0, definitionVersion: response.version)
                    matches = batch.withPayload(0) { stored in
                        payload.withUnsafeBytes {
                            stored.count == $0.count && memcmp(stored.baseAddress!, $0.baseAddress!, $0.count) == 0
                        }
                    }
                case (.failure(let problems), .refused(let found)?):
                    run.refused += 1
                    matches = problems.list == found
                default:
                    matches = false
                }
                if !matches {
                    differences.append(
                        "\(describe(line)): pipeline \(pipeline[line.number].map(\.description) ?? "none"), general \(general)"
                    )
                }
                guard (line.number % fastPathEvery) == 0 else { continue }
                run.fastPathTried += 1
                let fast = line.bytes.withUnsafeBytes { buffer in
                    isCSV
                        ? csvFast.response(buffer, row: line.row, recent: &recent)
                        : jsonlFast.response(buffer, row: line.row, recent: &recent)
                }
                guard let fast else { continue }
                run.fastPath += 1
                guard case .success(let response) = general, response.0 == fast.0, response.version == fast.version
                else {
                    differences.append("\(describe(line)): the fast path takes \(fast.0), the general path \(general)")
                    continue
                }
            }
            return (run, differences)
        }

        /// The general path: the line's fields as the data contract reads them, validated, resolved, with an id
        /// derived from the pseudonymised response and the row's place when none is given.
        func general(_ line: Line, itemCount: Int) throws -> Result<(Response, version: String), Problems> {
            let draft: ResponseDraft
            do {
                if isCSV {
                    guard let fields = CSVLine.fields(line.bytes) else { return .failure(Problems(["line:json"])) }
                    guard fields.count == columns.count else { return .failure(Problems(["line:count"])) }
                    var raw = RawResponse()
                    var answers = [JSONValue](repeating: .null, count: itemCount)
                    for ((name, item), value) in zip(zip(columns, items), fields) {
                        if let item {
                            let trimmed = CSVLine.trimmed(value)
                            answers[item - 1] =
                                trimmed.isEmpty
                                ? .null
                                : CSVLine.integer(trimmed).map(JSONValue.integer) ?? .string(CSVLine.string(trimmed))
                        } else if !value.isEmpty {
                            raw.set(name, .string(CSVLine.string(value)))
                        }
                    }
                    if itemCount > 0 { raw.set("answers", .array(answers)) }
                    draft = try validator.validate(raw)
                } else {
                    draft = try validator.validate(json: line.bytes)
                }
            } catch {
                return .failure(Problems(error.errors.map { "\($0.field):\($0.rule.rawValue)" }))
            }
            var response = try resolver.resolve(draft, id: draft.id ?? ImportID.pending)
            if draft.id == nil { response.id = ImportID.derived(for: response, row: line.row) }
            return .success((response, validator.catalog[response.instrument]!.version))
        }
    }

    /// One non-blank line of a file, as the import splits it.
    struct Line: Sendable {
        var number: Int
        var offset: Int
        var bytes: [UInt8]
        /// Its place among the file's rows (the lines that are not blank, after a CSV header), from 0.
        var row = 0
    }

    /// The lines of a file: split at line feeds, without a carriage return before one, blank lines left out.
    static func lines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var number = 0
        while start < bytes.count {
            let end =
                bytes.withUnsafeBytes { buffer in
                    memchr(buffer.baseAddress! + start, 10, buffer.count - start).map {
                        $0 - UnsafeMutableRawPointer(mutating: buffer.baseAddress!)
                    }
                } ?? bytes.count
            number += 1
            var line = Array(bytes[start..<end])
            if line.last == 13 { line.removeLast() }
            if !line.allSatisfy({ $0 == 32 || $0 == 9 }) {
                lines.append(Line(number: number, offset: start, bytes: line))
            }
            start = end + 1
        }
        return lines
    }

    struct Problems: Error, Sendable, CustomStringConvertible {
        var list: [String]
        init(_ list: [String]) { self.list = list }
        var description: String { "\(list)" }
    }
}

// MARK: - Generated lines

/// One response's fields as text, as a file gives them.
struct Row {
    var id = ""
    var citizen = ""
    var cpr = ""
    var instrument = ""
    var administeredAt = ""
    var answers: [String] = []
    var unit = ""
    var intervention = ""
    var mode = ""

    /// A CSV column, named once per file rather than per line.
    enum Column {
        case id, citizen, cpr, instrument, administeredAt, unit, intervention, mode
        case item(Int)

        init(_ name: String) {
            switch name {
            case "id": self = .id
            case "citizen": self = .citizen
            case "cpr": self = .cpr
            case "instrument": self = .instrument
            case "administeredAt": self = .administeredAt
            case "unit": self = .unit
            case "intervention": self = .intervention
            case "mode": self = .mode
            default: self = .item(Int(name.dropFirst(4))!)
            }
        }
    }

    /// The CSV line for these columns (item columns beyond the answers are empty).
    func csv(_ columns: [Column]) -> String {
        var line = ""
        for (index, column) in columns.enumerated() {
            if index > 0 { line += "," }
            switch column {
            case .id: line += id
            case .citizen: line += citizen
            case .cpr: line += cpr
            case .instrument: line += instrument
            case .administeredAt: line += administeredAt
            case .unit: line += unit
            case .intervention: line += intervention
            case .mode: line += mode
            case .item(let number): if number <= answers.count { line += answers[number - 1] }
            }
        }
        return line
    }

    /// The JSON object: empty fields left out, an unanswered item `null`, an answer that is a JSON number as one.
    var json: String {
        var members: [String] = []
        for (name, value) in [
            ("id", id), ("citizen", citizen), ("cpr", cpr), ("instrument", instrument),
            ("administeredAt", administeredAt),
        ] where !value.isEmpty {
            members.append("\"\(name)\":\"\(value)\"")
        }
        let entries = answers.map { text in
            text.isEmpty ? "null" : text.allSatisfy({ "0123456789.-eE".contains($0) }) ? text : "\"\(text)\""
        }
        members.append("\"answers\":[\(entries.joined(separator: ","))]")
        for (name, value) in [("unit", unit), ("intervention", intervention), ("mode", mode)] where !value.isEmpty {
            members.append("\"\(name)\":\"\(value)\"")
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

/// Cheap, seeded lines: plain valid rows, and rows and lines with one mutation each.
struct LineGenerator {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    static let units = ["bostotte-nord", "bostotte-syd", "botilbud-ost", "vaerested-centrum"]
    static let interventions = ["SEL85", "SEL107", "SEL108", ""]
    static let modes = ["self", "with-staff", "paper", ""]
    static let hex = Array("0123456789abcdef".utf8)
    static let dates = (0..<1500).map {
        CalendarDate(daysSinceEpoch: ImportDifferentialTests.today.daysSinceEpoch - $0).description
    }
    static let values = (0...5).map(String.init)

    mutating func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    /// A random version 4 UUID, lowercase.
    mutating func uuid() -> String {
        var text = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var bits = (random.next(), random.next())
        for position in [
            0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32,
            33, 34, 35,
        ] {
            text[position] = Self.hex[Int(bits.0 & 15)]
            bits = (bits.0 >> 4 | bits.1 << 60, bits.1 >> 4)
        }
        text[14] = UInt8(ascii: "4")
        text[19] = UInt8(ascii: "8")
        return String(decoding: text, as: UTF8.self)
    }

    /// A valid row; a quarter without an id.
    mutating func row() -> Row {
        var row = Row()
        if !chance(25) { row.id = uuid() }
        row.citizen = "c-" + String(random.next() % 20_000)
        let who5 = chance(60)
        row.instrument = who5 ? "who5" : "brief-inspire-o"
        row.administeredAt = pick(Self.dates)
        let top = UInt64(who5 ? 6 : 5)
        row.answers = (0..<5).map { _ in chance(2) ? "" : Self.values[Int(random.next() % top)] }
        row.unit = chance(5) ? "" : pick(Self.units)
        row.intervention = pick(Self.interventions)
        row.mode = pick(Self.modes)
        return row
    }

    /// A row with one field changed, or unchanged (a third), or by CPR number.
    mutating func mutatedRow() -> Row {
        var row = row()
        switch random.next() % 12 {
        case 0:
            row.citizen = pick([
                "", "c-æ", "c 1", "010190-1234", String(repeating: "c", count: 65), " c-1", "c-1 ", "C_1.x",
            ])
        case 1:
            row.cpr = pick(["010190-1234", "0101901234", "320190-1234", "010190-12345", "010190 1234"])
            if chance(80) { row.citizen = "" }
        case 2: row.instrument = pick(["", "WHO5", "phq9", "brief-inspire-o", "who5 ", "who"])
        case 3:
            row.administeredAt = pick([
                "", "2026-02-30", "2026-3-1", "2099-01-01", "1997-12-31", "1998-01-01", "2026-03-14T10:00:00+01:00",
                "2026-03-14T23:30:00-05:00", "20260314", "2026-06-30", "2026-07-01", "+026-03-14", "2026-03-14 ",
            ])
        case 4:
            let index = Int(random.next() % 5)
            row.answers[index] = pick([
                "", "-1", "6", "5", "4", "99999", "9999", "99999999999999999999", "+3", "03", "0003", "00003", "3.0",
                "3e0",
                "x", "３", " 3", "3 ", "-0", "0",
            ])
        case 5:
            if chance(50) { row.answers.removeLast() } else { row.answers.append(pick(["1", ""])) }
        case 6:
            row.id = pick([
                "", "5B0C2F4E-7D1A-4C39-9A7E-0F7A3C1D2B11", "{5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11}", "not-a-uuid",
                "5b0c2f4e7d1a4c399a7e0f7a3c1d2b11", "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b1",
                "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b1g",
            ])
        case 7:
            let value = pick(["", "bostøtte", String(repeating: "u", count: 65), "a b", "SEL85", "-", "a\tb"])
            if chance(50) { row.unit = value } else { row.intervention = value }
        case 8: row.mode = pick(["", "SELF", "walking", "paper", "with_staff", "null"])
        default: break
        }
        return row
    }

    /// One CSV line with one change of its text, or unchanged (a third).
    mutating func mutateCSV(_ line: String) -> String {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let index = Int(random.next() % UInt64(fields.count))
        switch random.next() % 15 {
        case 0: fields[index] = "\"" + fields[index] + "\""  // quoted: the same value
        case 1: fields[index] = "\"" + fields[index] + "\"\"\""  // an escaped quote inside
        case 2: fields[index] = "\"" + fields[index]  // unclosed
        case 3: fields[index] += "\"x"  // stray quote
        case 4: fields.append(pick(["", "x", "3"]))  // an extra column
        case 5: fields.removeLast()  // a column short
        case 6: return fields.joined(separator: ",") + "\r"  // CRLF
        case 7: fields[index] = " " + fields[index] + "\t"
        case 8: fields[index] = "\"a,b\""  // a quoted comma
        case 9: return pick(["", " ", "\t", ",,,", "\r"])  // blank or all empty
        default: break
        }
        return fields.joined(separator: ",")
    }

    /// One JSON line with one change of its text, or unchanged (a third).
    mutating func mutateJSON(_ line: String) -> String {
        let body = line.dropFirst().dropLast()
        var members = Self.members(String(body))
        switch random.next() % 16 {
        case 0:  // reordered keys
            for index in members.indices.reversed() { members.swapAt(index, Int(random.next() % UInt64(index + 1))) }
        case 1: return "{ " + members.joined(separator: " ,\t") + " }"
        case 2:  // an escaped letter: the same value
            return line.replacingOccurrences(of: "\"c-", with: "\"\\u0063-")
        case 3:
            members.append(
                pick(["\"unit\":null", "\"mode\":null", "\"id\":null", "\"intervention\":null", "\"citizen\":null"]))
        case 4:
            members.append(
                pick(["\"extra\":1", "\"Unit\":\"x\"", "\"answers\":[1,1,1,1,1]", "\"unit\":\"a\"", "\"cpr\":null"]))
        case 5: members.insert(pick(["\"mode\":null", "\"unit\":null", "\"id\":null"]), at: 0)
        case 6: return line + "\r"
        case 7:
            return pick([
                line + ",", "[" + line + "]", String(line.dropLast()), line + " x", "", "{}", "null", "\u{FEFF}" + line,
            ])
        case 8:
            return line.replacingOccurrences(of: "\"answers\":[", with: "\"answers\" : [ ")
                .replacingOccurrences(of: ",", with: " , ")
        case 9:
            return line.replacingOccurrences(of: "\"answers\":[", with: "\"answers\":\"")
                .replacingOccurrences(of: "]", with: "\"")
        case 10: return line.replacingOccurrences(of: "c-", with: pick(["c-\u{00E6}", "c-\\u00e6", "c-\\\"", "c-\\/"]))
        default: break
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// The members of a flat JSON object's body (no commas inside strings in generated lines, except in arrays).
    static func members(_ body: String) -> [String] {
        var members: [String] = []
        var current = ""
        var depth = 0
        for character in body {
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
            if character == ",", depth == 0 {
                members.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { members.append(current) }
        return members
    }
}
