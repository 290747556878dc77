import SporLog

/// The author of each row's recording, kept in runs: rows are appended in log order and an import writes a
/// million rows under one author, so a run of rows with the same author takes 8 bytes in all, and each distinct
/// author is held once.
///
/// A row's author is found by a binary search over the runs; only histories need it. Rows written one at a time
/// by authors taking turns cost at most 8 bytes a row.
struct AuthorColumn: Sendable {
    /// The distinct authors, by code.
    private(set) var authors: [Author] = []
    private var codes: [Author: Int32] = [:]
    /// The first row of each run, increasing.
    private(set) var runStarts: [Int32] = []
    /// The author code of each run.
    private(set) var runCodes: [Int32] = []

    init() {}

    /// The column as ``ResponseDataset/writeSnapshot(to:)`` wrote it; `nil` when the runs do not fit `rows`.
    init?(authors: [Author], runStarts: [Int32], runCodes: [Int32], rows: Int) {
        guard runStarts.count == runCodes.count, runStarts.first.map({ $0 == 0 }) ?? (rows == 0),
            zip(runStarts, runStarts.dropFirst()).allSatisfy({ $0 < $1 }),
            runStarts.last.map({ Int($0) < rows }) ?? true,
            runCodes.allSatisfy({ $0 >= 0 && Int($0) < authors.count }), Set(authors).count == authors.count
        else { return nil }
        self.authors = authors
        for (code, author) in authors.enumerated() { codes[author] = Int32(code) }
        self.runStarts = runStarts
        self.runCodes = runCodes
    }

    /// Sets the author of `row`, the row after the last one set.
    mutating func append(row: Int, author: Author) {
        // Most rows continue the run before them: an equality check, no hashing.
        if let last = runCodes.last, authors[Int(last)] == author { return }
        let code: Int32
        if let known = codes[author] {
            code = known
        } else {
            code = Int32(authors.count)
            authors.append(author)
            codes[author] = code
        }
        runStarts.append(Int32(row))
        runCodes.append(code)
    }

    /// The author of `row`'s recording.
    subscript(row: Int) -> Author {
        var (low, high) = (0, runStarts.count)
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(runStarts[middle]) <= row { low = middle } else { high = middle }
        }
        return authors[Int(runCodes[low])]
    }

    /// Bytes held by the runs (capacities).
    var byteCount: Int { runStarts.capacity * 4 + runCodes.capacity * 4 }
}
