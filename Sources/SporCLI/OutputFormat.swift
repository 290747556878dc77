import ArgumentParser

/// How a command prints its result: the one `--format` of every command. A command offers the formats that fit
/// what it prints (a summary has no chart, a token has no CSV) and refuses the others in `validate()` through
/// ``require(_:)``, before it opens anything.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned, readable text for a terminal.
    case table
    /// JSON, as the API returns it.
    case json
    /// Comma-separated values, one row per line.
    case csv
    /// An SVG chart.
    case svg

    /// The formats of commands that print one record or a short list.
    static let tableOrJSON: [OutputFormat] = [.table, .json]

    /// Refuses this format unless it is one of `offered`, naming the ones that are.
    func require(_ offered: [OutputFormat]) throws {
        guard offered.contains(self) else {
            let names = offered.map(\.rawValue)
            let list = names.dropLast().joined(separator: ", ") + " or " + names.last!
            throw ValidationError("--format \(rawValue) is not offered by this command: expected \(list)")
        }
    }
}
