import ArgumentParser
import Foundation
import Logging
import SporLog

/// Options every command on a data folder shares: `--data` and `--format`.
struct DataFolderOptions: ParsableArguments {
    /// How results are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: "The data folder (default: $SPOR_DATA, else ./spor-data).")
    var data: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: Format = .table

    /// The data folder to use.
    var folder: URL {
        URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["SPOR_DATA"] ?? "./spor-data")
    }

    /// A logger writing warnings and worse to standard error.
    var logger: Logger {
        var logger = Logger(label: "spor", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        return logger
    }

    /// Opens the data folder's log for writing.
    func openLog() throws -> EventLog {
        try EventLog.open(folder: folder, logger: logger)
    }
}
