import Crypto
import Foundation
import SporInstruments
import SporLog

/// An import file (`.csv` with a header of contract names and item1…itemN, or `.jsonl`) read into memory once,
/// its SHA-256 computed block by block as it is read; its lines are parsed and validated in stretches, on every
/// core, and come back in file order. The digest is of exactly the bytes parsed, even if the file changes on disk
/// meanwhile.
struct ImportFile: @unchecked Sendable {
    enum Kind { case csv, jsonl }

    /// The longest line accepted, in bytes.
    static let lineLimit = 64 << 10

    let path: String
    let kind: Kind
    /// The bytes read, not changed after reading, so they are shared by the parse tasks.
    private let bytes: UnsafeRawBufferPointer
    /// The SHA-256 of `bytes`.
    let digest: FileDigest
    /// Column names of a CSV file, and for each the item number (1-based) when it is an item column.
    private var columns: [(name: String, item: Int?)] = []
    private var itemCount = 0
    /// Where the data lines start, and the number of the line before them.
    private var dataStart = 0
    private var linesBefore = 0

    init(path: String) throws {
        self.path = path
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": kind = .csv
        case "jsonl", "ndjson": kind = .jsonl
        default: throw ImportFailure("the file must end in .csv or .jsonl")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImportFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { Foundation.close(descriptor) }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else { throw ImportFailure("cannot read \(path): \(String(cString: strerror(errno)))") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(Int(end), 1), alignment: 16)
        var hash = SHA256()
        var count = 0
        // Blocks small enough to be hashed while they are still in the cache.
        while count < Int(end) {
            let read = pread(
                descriptor, buffer.baseAddress! + count, min(Int(end) - count, Self.readBlock), off_t(count))
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else {
                let reason = String(cString: strerror(errno))
                buffer.deallocate()
                throw ImportFailure("cannot read \(path): \(reason)")
            }
            if read == 0 { break }  // cut short since its size was taken: the bytes read are the file
            hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[count..<count + read]))
            count += read
        }
        bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        digest = FileDigest(bytes: hash.finalize())!
    }

    /// Bytes read and hashed at a time.
    private static let readBlock = 1 << 20

    func close() {
        bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() }
    }

    /// Reads the CSV header; returns its problems (empty when fine). Does nothing for JSON Lines.
    mutating func readHeader() -> [ImportProblem] {
        guard kind == .csv, !bytes.isEmpty else { return [] }
        let end = Self.lineEnd(bytes, from: 0)
        dataStart = min(end + 1, bytes.count)
        linesBefore = 1
        let line = Self.withoutCarriageReturn(UnsafeRawBufferPointer(rebasing: bytes[0..<end]))
        guard line.count <= Self.lineLimit, let names = CSVLine.fields(Array(line)) else {
            return [
                ImportProblem(
                    line: 1, field: "header", rule: "format", message: "the header line is malformed or too long")
            ]
        }
        var problems: [ImportProblem] = []
        var seen: Set<String> = []
        for (position, raw) in names.enumerated() {
            let name = CSVLine.string(CSVLine.trimmed(raw))
            if !seen.insert(name).inserted {
                // By position: a column name may hold anything, a CPR number too.
                problems.append(
                    ImportProblem(
                        line: 1, field: "header", rule: "duplicateField",
                        message: "column \(position + 1) repeats an earlier column"))
            }
            if name.hasPrefix("item"), let number = Int(name.dropFirst(4)), number >= 1, number <= 64 {
                columns.append((name, number))
                itemCount = max(itemCount, number)
            } else if RawResponse.fieldNames.contains(name), name != "answers" {
                columns.append((name, nil))
            } else {
                problems.append(
                    ImportProblem(
                        line: 1, field: "header", rule: "unknownField",
                        message:
                            "a column is not a field of a response (use \(RawResponse.fieldNames.filter { $0 != "answers" }.joined(separator: ", ")), item1 ...)"
                    ))
                columns.append((name, nil))
            }
        }
        return problems
    }

    /// Parses and validates every data line, in stretches of a few megabytes on all cores, and resolves each valid
    /// row to the response to store (with a new id when the row gives none).
    /// - Parameters:
    ///   - author: who writes the rows: the batches of the chunks carry it.
    ///   - progress: called with the rows checked so far, in file order.
    func parse(
        validator: ResponseValidator, resolver: DataFolder, author: Author, progress: (Int) -> Void
    ) async throws -> [ParsedChunk] {
        let stretches = Self.stretches(bytes, from: dataStart)
        let fastPath: FastPath =
            switch kind {
            case .csv: .csv(CSVFastPath(columns: columns, itemCount: itemCount, validator: validator))
            case .jsonl: .jsonl(JSONLFastPath(validator: validator))
            }
        let workers = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let firstRows = try await firstRows(of: stretches, workers: workers)
        var chunks = [ParsedChunk?](repeating: nil, count: stretches.count)
        try await withThrowingTaskGroup(of: (Int, ParsedChunk).self) { group in
            var next = 0
            func start() {
                guard next < stretches.count else { return }
                let (number, range, firstRow) = (next, stretches[next], firstRows[next])
                group.addTask {
                    (
                        number,
                        try parse(
                            range, firstRow: firstRow, validator: validator, fastPath: fastPath, resolver: resolver,
                            author: author)
                    )
                }
                next += 1
            }
            for _ in 0..<workers { start() }
            var reported = 0
            var rows = 0
            while let (number, chunk) = try await group.next() {
                chunks[number] = chunk
                start()
                while reported < chunks.count, let done = chunks[reported] {
                    rows += done.rows
                    reported += 1
                    progress(rows)
                }
            }
        }
        var first = linesBefore
        return chunks.map { chunk in
            var chunk = chunk!
            chunk.number(from: first)
            first += chunk.lineCount
            return chunk
        }
    }

    /// The number (from 0) of the first row of each stretch: rows are the lines that are not blank, counted on all
    /// cores before parsing, so each row's derived id can name its place in the file.
    private func firstRows(of stretches: [Range<Int>], workers: Int) async throws -> [Int] {
        var counts = [Int](repeating: 0, count: stretches.count)
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            var next = 0
            func start() {
                guard next < stretches.count else { return }
                let (number, range) = (next, stretches[next])
                group.addTask { (number, rows(in: range)) }
                next += 1
            }
            for _ in 0..<workers { start() }
            while let (number, count) = try await group.next() {
                counts[number] = count
                start()
            }
        }
        var first = 0
        return counts.map { count in
            defer { first += count }
            return first
        }
    }

    /// Whether a line holds only spaces and tabs (before a carriage return): it is no row.
    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        withoutCarriageReturn(line).allSatisfy { $0 == 32 || $0 == 9 }
    }

    /// The rows in `range`: its lines that are not blank, and the over-long ones (refused, but rows).
    private func rows(in range: Range<Int>) -> Int {
        var rows = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = Self.lineEnd(bytes, from: start)
            defer { start = end + 1 }
            if end - start > Self.lineLimit || !Self.isBlank(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
                rows += 1
            }
        }
        return rows
    }

    /// The text of the line that starts at `offset`, without its line break.
    func line(at offset: Int) -> [UInt8] {
        Array(
            Self.withoutCarriageReturn(
                UnsafeRawBufferPointer(rebasing: bytes[offset..<Self.lineEnd(bytes, from: offset)])))
    }

    private func parse(
        _ range: Range<Int>, firstRow: Int, validator: ResponseValidator, fastPath: FastPath, resolver: DataFolder,
        author: Author
    ) throws -> ParsedChunk {
        var chunk = ParsedChunk(author: author)
        // A payload takes about two thirds of its line.
        chunk.batch.reserveCapacity(bytes: range.count)
        var recent = ResponseFastPath.Recent()
        var start = range.lowerBound
        while start < range.upperBound {
            let end = Self.lineEnd(bytes, from: start)
            defer { start = end + 1 }
            chunk.lineCount += 1
            let number = chunk.lineCount
            guard end - start <= Self.lineLimit else {
                chunk.rows += 1
                chunk.rejected.append(
                    ParsedChunk.RejectedRow(
                        line: number,
                        problems: [
                            ImportProblem(
                                line: number, field: "line", rule: "tooLong",
                                message: "the line is longer than \(Self.lineLimit) bytes")
                        ], text: nil))
                continue
            }
            let line = Self.withoutCarriageReturn(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            if Self.isBlank(line) { continue }
            let row = firstRow + chunk.rows
            chunk.rows += 1
            var parsed =
                switch fastPath {
                case .csv(let csv): csv.response(line, row: row, recent: &recent)
                case .jsonl(let jsonl): jsonl.response(line, row: row, recent: &recent)
                }
            if parsed == nil {
                do {
                    let draft: ResponseDraft
                    switch kind {
                    case .jsonl: draft = try validator.validate(json: line)
                    case .csv: draft = try validator.validate(try raw(csv: Array(line), line: number))
                    }
                    var response = try resolver.resolve(draft, id: draft.id ?? ImportID.pending)
                    if draft.id == nil { response.id = ImportID.derived(for: response, row: row) }
                    parsed = (response, validator.catalog[response.instrument]!.version)
                } catch let failure as ValidationFailure {
                    chunk.rejected.append(
                        ParsedChunk.RejectedRow(
                            line: number, problems: failure.errors.map { ImportProblem(line: number, $0) },
                            text: Array(line)))
                    continue
                } catch let problem as ImportProblemError {
                    chunk.rejected.append(
                        ParsedChunk.RejectedRow(line: number, problems: [problem.problem], text: Array(line)))
                    continue
                }
            }
            try chunk.batch.append(parsed!.0, definitionVersion: parsed!.version)
            chunk.lines.append(number)
            chunk.offsets.append(start)
        }
        return chunk
    }

    private func raw(csv bytes: [UInt8], line: Int) throws -> RawResponse {
        guard let fields = CSVLine.fields(bytes) else {
            throw ImportProblemError(
                problem: ImportProblem(
                    line: line, field: "line", rule: "json", message: "the CSV line has an unclosed or stray quote"))
        }
        guard fields.count == columns.count else {
            throw ImportProblemError(
                problem: ImportProblem(
                    line: line, field: "line", rule: "count",
                    message: "the line has \(fields.count) fields where the header has \(columns.count)"))
        }
        var raw = RawResponse()
        var items = [JSONValue](repeating: .null, count: itemCount)
        for ((name, item), value) in zip(columns, fields) {
            if let item {
                let trimmed = CSVLine.trimmed(value)
                items[item - 1] =
                    trimmed.isEmpty
                    ? .null : CSVLine.integer(trimmed).map(JSONValue.integer) ?? .string(CSVLine.string(trimmed))
            } else if !value.isEmpty {
                raw.set(name, .string(CSVLine.string(value)))
            }
        }
        if itemCount > 0 { raw.set("answers", .array(items)) }
        return raw
    }

    /// Stretches of whole lines from `start` to the end, a few megabytes each.
    private static func stretches(_ bytes: UnsafeRawBufferPointer, from start: Int) -> [Range<Int>] {
        let size = max(1 << 20, min(8 << 20, (bytes.count - start) / 64))
        var stretches: [Range<Int>] = []
        var lower = start
        while lower < bytes.count {
            let upper =
                lower + size >= bytes.count ? bytes.count : min(lineEnd(bytes, from: lower + size) + 1, bytes.count)
            stretches.append(lower..<upper)
            lower = upper
        }
        return stretches
    }

    /// The index of the next line feed at or after `start`, or the end of the bytes.
    private static func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard start < bytes.count,
            let found = memchr(bytes.baseAddress! + start, 10, bytes.count - start)
        else { return bytes.count }
        return UnsafeRawPointer(found) - bytes.baseAddress!
    }

    private static func withoutCarriageReturn(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        line.last == 13 ? UnsafeRawBufferPointer(rebasing: line[..<(line.count - 1)]) : line
    }

    /// The fast path of the file's kind.
    private enum FastPath: Sendable {
        case csv(CSVFastPath)
        case jsonl(JSONLFastPath)
    }

    /// Carries a problem out of the CSV splitting.
    private struct ImportProblemError: Error { var problem: ImportProblem }
}
