import Foundation
import SporInstruments
import SporLog

extension UseCases {
    /// What an import stored.
    public struct Imported: Hashable, Sendable {
        public var written: Int
        public var alreadyStored: Int
        public var rejected: Int
        /// Where the rejected lines went (`skipInvalid` with rejected lines only).
        public var rejectedFile: String?
    }

    /// An import refused whole: nothing was written.
    public struct ImportRefused: Error, CustomStringConvertible {
        /// The first problems, in line order.
        public var problems: [ImportProblem]
        /// All problems found.
        public var problemCount: Int
        /// Lines refused, of `rows`.
        public var rejectedRows: Int
        public var rows: Int

        public var description: String { "nothing written: \(rejectedRows) of \(rows) rows are invalid" }
    }

    /// Problems an ``ImportRefused`` carries at most.
    public static let importProblemsShown = 20

    /// Stores every response of a `.csv` or `.jsonl` file through the same validator as every other way in, all or
    /// nothing unless `skipInvalid`: then the valid rows are stored and the rejected lines, with their problems, go
    /// to `rejectedPath` (default: the file's path and `.rejected`). Rows without an id get one derived from the
    /// pseudonymised row and its place in the file, so importing the same file again stores nothing twice. Works on
    /// a data folder and on a PostgreSQL store (``DataFolder/record(_:)``).
    /// - Parameter progress: called with the rows checked so far.
    /// - Throws: ``ImportRefused`` (nothing written), ``ImportFailure`` (the file as a whole), ``UseCaseError``.
    public func importFile(
        path: String, skipInvalid: Bool = false, rejectedPath: String? = nil, progress: (Int) -> Void = { _ in },
        by caller: Caller
    ) async throws -> Imported {
        guard AccessPolicy.scope(of: caller.role, for: .record) == .all else {
            throw UseCaseError(.forbidden, "The \(caller.role.rawValue) role may not import files.")
        }
        var source = try ImportFile(path: path)
        defer { source.close() }
        let headerProblems = source.readHeader()
        if !headerProblems.isEmpty {
            throw ImportRefused(
                problems: headerProblems, problemCount: headerProblems.count, rejectedRows: 0, rows: 0)
        }
        let chunks = try await source.parse(
            validator: validator, resolver: folder, author: try caller.importAuthor(of: source.digest),
            progress: progress)
        let total = chunks.reduce(0) { $0 + $1.rows }
        guard total > 0 else { throw ImportFailure("the file holds no rows to import") }

        // Rows already stored, and ids stored (or given earlier in the file) with other content.
        let classified = try await folder.classify(chunks.map(\.batch))
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
                rejectedRows.append(
                    ParsedChunk.RejectedRow(
                        line: line,
                        problems: [ImportProblem(line: line, field: "id", rule: "conflict", message: message)],
                        text: skipInvalid ? source.line(at: chunk.offsets[row]) : nil))
            }
        }
        rejectedRows.sort { $0.line < $1.line }
        if !skipInvalid, !rejectedRows.isEmpty {
            let problems = rejectedRows.flatMap(\.problems)
            throw ImportRefused(
                problems: Array(problems.prefix(Self.importProblemsShown)), problemCount: problems.count,
                rejectedRows: rejectedRows.count, rows: total)
        }
        var rejectedFile: String?
        if !rejectedRows.isEmpty {
            var output = try RejectedFile(path: rejectedPath ?? path + ".rejected")
            for row in rejectedRows { output.write(line: row.line, problems: row.problems, text: row.text) }
            try output.close()
            rejectedFile = output.path
        }
        // In a data folder the new rows go out in large batches, durable at the end; the next start and the next
        // report then read the snapshot, not a replay of what was just imported.
        let written = try await folder.record(classified)
        let alreadyStored = classified.reduce(0) { $0 + $1.statuses.lazy.filter { $0 == .alreadyStored }.count }
        return Imported(
            written: written, alreadyStored: alreadyStored, rejected: rejectedRows.count, rejectedFile: rejectedFile)
    }
}
