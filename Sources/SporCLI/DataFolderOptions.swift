import ArgumentParser
import Foundation
import Logging
import SporLog

/// Options every command on a data folder shares: `--data`, `--checkpoint` and `--format`.
struct DataFolderOptions: ParsableArguments {
    /// How results are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: "The data folder (default: $SPOR_DATA, else ./spor-data).")
    var data: String?

    @Option(name: .long, help: "The log's checkpoint file, which may live outside the data folder (default: $SPOR_CHECKPOINT, else log.checkpoint in the data folder).")
    var checkpoint: String?

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

    @Option(name: .customLong("segment-size"), help: .hidden)
    var segmentSize: Int = 64 << 20

    /// The checkpoint file given with `--checkpoint`, if any.
    var checkpointFile: URL? {
        checkpoint.map { URL(fileURLWithPath: $0) }
    }

    /// Opens the data folder's log for writing.
    func openLog() throws -> EventLog {
        try EventLog.open(folder: folder, configuration: EventLog.Configuration(segmentSize: segmentSize, checkpointFile: checkpointFile), logger: logger)
    }
}
