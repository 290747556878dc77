import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned, readable text for a terminal.
    case table
    /// JSON, as the API returns it.
    case json
}
