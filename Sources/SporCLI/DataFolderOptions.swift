import ArgumentParser
import Foundation
import Logging
import SporApplication

/// Options every command on a data folder shares: `--data` and `--format`.
struct DataFolderOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (default: $SPOR_DATA, else ./spor-data).")
    var data: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    /// The data folder to use.
    var folder: URL { DataFolder.location(data) }

    /// The use cases over the data folder opened for `mode`; the caller closes ``UseCases/folder`` when done.
    func useCases(_ mode: DataFolder.Mode) throws -> UseCases {
        UseCases(folder: try DataFolder(url: folder, mode: mode, logger: Self.logger))
    }

    /// A logger writing warnings and worse to standard error.
    static var logger: Logger {
        var logger = Logger(label: "spor", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        return logger
    }
}
