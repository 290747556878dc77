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

    /// Rows per append (one batch, one fsync).
    static let batchSize = 8192
    /// Errors printed when the import is refused.
    static let errorsShown = 20

    func run() async throws {
        let validator = ResponseValidator(today: .today())
        let log = try options.openLog()
        var resolver = CitizenResolver(folder: options.folder)
        let progress = Progress(enabled: isatty(STDERR_FILENO) == 1)

        // Pass 1: validate every row and look for conflicts, writing nothing to the log.
        var source = try ImportFile(path: file, validator: validator)
        var problems = try source.readHeader()
        if !problems.isEmpty {
            source.close()
            report(problems, total: problems.count)
            throw ExitCode.failure
        }
        var total = 0
        var problemCount = 0
        var rejectedLines: Set<Int> = []
        var digests: [UUID: Int] = [:]
        var rejectedOutput = skipInvalid ? try RejectedFile(path: rejected ?? file + ".rejected") : nil
        /// Rows with an id, checked against the log a batch at a time.
        var checks: [(line: Int, text: [UInt8]?, event: LogEvent)] = []

        func reject(_ line: Int, _ rowProblems: [ImportProblem], text: [UInt8]?) {
            rejectedLines.insert(line)
            problemCount += rowProblems.count
            problems.append(contentsOf: rowProblems)
            if problems.count > 4 * Self.errorsShown {
                problems.sort { $0.line < $1.line }
                problems.removeLast(problems.count - Self.errorsShown)
            }
            rejectedOutput?.write(line: line, problems: rowProblems, text: text)
        }
        func checkAgainstLog() async throws {
            var pending = checks
            checks.removeAll(keepingCapacity: true)
            while !pending.isEmpty {
                do {
                    try await log.check(pending.map(\.event))
                    return
                } catch let error as LogError where error.code == .conflict && error.responseID != nil {
                    for row in pending where row.event.responseID == error.responseID {
                        reject(row.line, [ImportProblem(
                            line: row.line, field: "id", rule: "conflict", message: "the id is already stored with other content")],
                            text: row.text)
                    }
                    pending.removeAll { $0.event.responseID == error.responseID }
                }
            }
        }

        while let row = try source.next() {
            total += 1
            progress.tick("checked", total)
            switch row {
            case .invalid(let line, let found, let bytes):
                reject(line, found, text: bytes)
            case .valid(let line, let draft):
                guard let id = draft.id else { continue }
                let response = try resolver.resolve(draft, id: id)
                let digest = response.hashValue
                if let earlier = digests.updateValue(digest, forKey: id), earlier != digest {
                    reject(line, [ImportProblem(
                        line: line, field: "id", rule: "conflict", message: "the id appears earlier in the file with other content")],
                        text: skipInvalid ? source.lastLine : nil)
                    continue
                }
                let version = validator.catalog[response.instrument]!.version
                checks.append((line, skipInvalid ? source.lastLine : nil, .responseRecorded(response, definitionVersion: version)))
                if checks.count == Self.batchSize { try await checkAgainstLog() }
            }
        }
        try await checkAgainstLog()
        problems.sort { $0.line < $1.line }
        problems = Array(problems.prefix(Self.errorsShown))
        source.close()
        progress.done()
        guard total > 0 else { throw ImportFailure("the file holds no rows to import") }
        if !skipInvalid, !problems.isEmpty {
            report(problems, total: problemCount)
            FileHandle.standardError.write(Data("nothing written: \(rejectedLines.count) of \(total) rows are invalid\n".utf8))
            throw ExitCode.failure
        }
        try rejectedOutput?.close()

        // Pass 2: read the file again and append the valid rows in batches.
        var written = 0
        var alreadyStored = 0
        source = try ImportFile(path: file, validator: validator)
        defer { source.close() }
        _ = try source.readHeader()
        var batch: [LogEvent] = []
        // One batch is written while the next is read: at most one append in flight, in file order.
        var inFlight: Task<[EventLog.AppendResult], any Error>?
        func awaitInFlight() async throws {
            guard let previous = inFlight else { return }
            inFlight = nil
            for result in try await previous.value {
                switch result {
                case .appended: written += 1
                case .alreadyStored: alreadyStored += 1
                }
            }
            progress.tick("written", written + alreadyStored)
        }
        func flush() async throws {
            try await awaitInFlight()
            let events = batch
            batch.removeAll(keepingCapacity: true)
            inFlight = Task { try await log.append(events) }
        }
        while let row = try source.next() {
            switch row {
            case .valid(let line, let draft) where !rejectedLines.contains(line):
                let response = try resolver.resolve(draft, id: draft.id ?? UUID())
                batch.append(.responseRecorded(response, definitionVersion: validator.catalog[response.instrument]!.version))
                if batch.count == Self.batchSize { try await flush() }
            case .invalid(let line, _, _) where !rejectedLines.contains(line):
                throw ImportFailure("the file changed during the import (line \(line)); import it again to finish")
            default:
                continue
            }
        }
        if !batch.isEmpty { try await flush() }
        try await awaitInFlight()
        progress.done()
        await log.close()
        let rejectedCount = rejectedLines.count
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
