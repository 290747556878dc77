import ArgumentParser
import Foundation
import SporInstruments
import SporLog

/// `spor import`: stores every response of a `.csv` or `.jsonl` file, all or nothing unless `--skip-invalid`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import responses from a .csv or .jsonl file: the whole file is checked before anything is written.")

    @OptionGroup var options: DataFolderOptions

    @Argument(help: "The file: .csv (header: contract field names, answers as item1 ... item5) or .jsonl.")
    var file: String

    @ArgumentParser.Flag(help: "Write the valid rows and put the rejected lines, with their errors, in a file.")
    var skipInvalid = false

    @Option(help: "Where --skip-invalid puts rejected lines (default: FILE.rejected).")
    var rejected: String?

    /// Errors printed when the import is refused.
    static let errorsShown = 20

    func run() async throws {
        let validator = ResponseValidator(today: .today())
        let log = try options.openLog()
        let progress = Progress(enabled: isatty(STDERR_FILENO) == 1)

        // Read the file once, hashing it, then parse and validate every row, keeping the valid ones in the log's
        // payload form, under one author: the user and the file's SHA-256.
        var source = try ImportFile(path: file)
        defer { source.close() }
        let headerProblems = source.readHeader()
        if !headerProblems.isEmpty {
            report(headerProblems, total: headerProblems.count)
            throw ExitCode.failure
        }
        let author = Author.import(user: OperatingSystemUser.name, fileSHA256: source.digest)
        let chunks = try await source.parse(
            validator: validator, resolver: SharedCitizenResolver(folder: options.folder), author: author,
            progress: { progress.tick("checked", $0) })
        progress.done()
        let total = chunks.reduce(0) { $0 + $1.rows }
        guard total > 0 else { throw ImportFailure("the file holds no rows to import") }

        // Find rows already stored and ids stored (or given earlier in the file) with other content.
        let classified = try await log.classify(chunks.map(\.batch))
        var rejectedRows = chunks.flatMap(\.rejected)
        for (chunk, batch) in zip(chunks, classified) {
            for (row, status) in batch.statuses.enumerated() {
                let message: String
                switch status {
                case .new, .alreadyStored: continue
                case .conflictsWithStored: message = "the id is already stored with other content"
                case .conflictsWithEarlier: message = "the id appears earlier in the file with other content"
                }
                let line = chunk.lines[row]
                rejectedRows.append(ParsedChunk.RejectedRow(
                    line: line, problems: [ImportProblem(line: line, field: "id", rule: "conflict", message: message)],
                    text: skipInvalid ? source.line(at: chunk.offsets[row]) : nil))
            }
        }
        rejectedRows.sort { $0.line < $1.line }
        if !skipInvalid, !rejectedRows.isEmpty {
            let problems = rejectedRows.flatMap(\.problems)
            report(Array(problems.prefix(Self.errorsShown)), total: problems.count)
            FileHandle.standardError.write(Data("nothing written: \(rejectedRows.count) of \(total) rows are invalid\n".utf8))
            throw ExitCode.failure
        }
        var rejectedOutput = skipInvalid ? try RejectedFile(path: rejected ?? file + ".rejected") : nil
        for row in rejectedRows { rejectedOutput?.write(line: row.line, problems: row.problems, text: row.text) }
        try rejectedOutput?.close()

        // Write the new rows in large batches, durable at the end.
        let written = try await log.record(classified)
        let alreadyStored = classified.reduce(0) { $0 + $1.statuses.lazy.filter { $0 == .alreadyStored }.count }
        await log.close()
        let rejectedCount = rejectedRows.count
        switch options.format {
        case .table:
            var summary = "written \(written), already stored \(alreadyStored), rejected \(rejectedCount)"
            if rejectedCount > 0, let path = rejectedOutput?.path { summary += " (see \(path))" }
            print(summary)
        case .json:
            let path = rejectedCount > 0 ? rejectedOutput.map { JSONWriter.quoted($0.path) } ?? "null" : "null"
            print("{\"written\":\(written),\"alreadyStored\":\(alreadyStored),\"rejected\":\(rejectedCount),\"rejectedFile\":\(path)}")
        }
    }

    private func report(_ problems: [ImportProblem], total: Int) {
        var text = problems.map(\.description).joined(separator: "\n") + "\n"
        if total > problems.count { text += "... and \(total - problems.count) more errors\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
