import SporLog

/// The rows of one stretch of an import file, parsed and validated.
struct ParsedChunk: Sendable {
    /// One rejected line: its number, its problems and its text (`nil` for an over-long line).
    struct RejectedRow: Sendable {
        var line: Int
        var problems: [ImportProblem]
        var text: [UInt8]?
    }

    /// The valid rows, in file order.
    var batch: RecordBatch
    /// For each row of `batch`: its line number and where its line starts in the file.
    var lines: [Int] = []
    var offsets: [Int] = []
    var rejected: [RejectedRow] = []
    /// Lines in the stretch, blank ones included.
    var lineCount = 0
    /// Rows: lines that are not blank.
    var rows = 0

    /// An empty chunk whose rows are written by `author`.
    init(author: Author) {
        batch = RecordBatch(author: author)
    }

    /// Turns line numbers counted from the stretch's start into line numbers in the file.
    mutating func number(from first: Int) {
        for index in lines.indices { lines[index] += first }
        for index in rejected.indices {
            rejected[index].line += first
            for problem in rejected[index].problems.indices { rejected[index].problems[problem].line += first }
        }
    }
}
