import Foundation
import SporInstruments

/// Reads an import file (`.csv` with a header of contract names and item1…itemN, or `.jsonl`) row by row,
/// validating each row.
struct ImportFile {
    enum Kind { case csv, jsonl }

    /// One data line: a validated draft, or its problems.
    enum Row {
        case valid(line: Int, draft: ResponseDraft)
        case invalid(line: Int, problems: [ImportProblem], text: [UInt8]?)
    }

    let path: String
    let kind: Kind
    private var reader: LineReader
    private let validator: ResponseValidator
    /// Column names of a CSV file, and for each the item number (1-based) when it is an item column.
    private var columns: [(name: String, item: Int?)] = []
    private var itemCount = 0
    /// The bytes of the line `next()` returned last.
    private(set) var lastLine: [UInt8]?

    init(path: String, validator: ResponseValidator) throws {
        self.path = path
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": kind = .csv
        case "jsonl", "ndjson": kind = .jsonl
        default: throw ImportFailure("the file must end in .csv or .jsonl")
        }
        reader = try LineReader(path: path)
        self.validator = validator
    }

    func close() { reader.close() }

    /// Reads the CSV header; returns its problems (empty when fine). Does nothing for JSON Lines.
    mutating func readHeader() throws -> [ImportProblem] {
        guard kind == .csv else { return [] }
        guard let line = try reader.next() else { return [] }
        guard let bytes = line.bytes, let names = CSVLine.fields(bytes) else {
            return [ImportProblem(line: line.number, field: "header", rule: "format", message: "the header line is malformed or too long")]
        }
        var problems: [ImportProblem] = []
        var seen: Set<String> = []
        for raw in names {
            let name = CSVLine.string(CSVLine.trimmed(raw))
            if !seen.insert(name).inserted {
                problems.append(ImportProblem(line: line.number, field: name, rule: "duplicateField", message: "column \(name) appears twice"))
            }
            if name.hasPrefix("item"), let number = Int(name.dropFirst(4)), number >= 1, number <= 64 {
                columns.append((name, number))
                itemCount = max(itemCount, number)
            } else if RawResponse.fieldNames.contains(name), name != "answers" {
                columns.append((name, nil))
            } else {
                problems.append(ImportProblem(
                    line: line.number, field: "header", rule: "unknownField",
                    message: "a column is not a field of a response (use \(RawResponse.fieldNames.filter { $0 != "answers" }.joined(separator: ", ")), item1 ...)"))
                columns.append((name, nil))
            }
        }
        return problems
    }

    /// The next data row, skipping blank lines, or `nil` at the end.
    mutating func next() throws -> Row? {
        while let line = try reader.next() {
            guard let bytes = line.bytes else {
                return .invalid(line: line.number, problems: [ImportProblem(
                    line: line.number, field: "line", rule: "tooLong",
                    message: "the line is longer than \(LineReader.defaultLimit) bytes")], text: nil)
            }
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            lastLine = bytes
            do {
                switch kind {
                case .jsonl: return .valid(line: line.number, draft: try validator.validate(json: bytes))
                case .csv: return .valid(line: line.number, draft: try validator.validate(try raw(csv: bytes, line: line.number)))
                }
            } catch let failure as ValidationFailure {
                return .invalid(line: line.number, problems: failure.errors.map { ImportProblem(line: line.number, $0) }, text: bytes)
            } catch let problem as ImportProblemError {
                return .invalid(line: line.number, problems: [problem.problem], text: bytes)
            }
        }
        return nil
    }

    private func raw(csv bytes: [UInt8], line: Int) throws -> RawResponse {
        guard let fields = CSVLine.fields(bytes) else {
            throw ImportProblemError(problem: ImportProblem(line: line, field: "line", rule: "json", message: "the CSV line has an unclosed or stray quote"))
        }
        guard fields.count == columns.count else {
            throw ImportProblemError(problem: ImportProblem(
                line: line, field: "line", rule: "count", message: "the line has \(fields.count) fields where the header has \(columns.count)"))
        }
        var raw = RawResponse()
        var items = [JSONValue](repeating: .null, count: itemCount)
        for ((name, item), value) in zip(columns, fields) {
            if let item {
                let trimmed = CSVLine.trimmed(value)
                items[item - 1] = trimmed.isEmpty ? .null : CSVLine.integer(trimmed).map(JSONValue.integer) ?? .string(CSVLine.string(trimmed))
            } else if !value.isEmpty {
                raw.set(name, .string(CSVLine.string(value)))
            }
        }
        if itemCount > 0 { raw.set("answers", .array(items)) }
        return raw
    }

    /// Carries a problem out of the CSV splitting.
    private struct ImportProblemError: Error { var problem: ImportProblem }
}
