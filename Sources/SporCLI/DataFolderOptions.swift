import ArgumentParser
import Foundation
import Logging
import SporApplication
import SporReports

/// Options every command on a data folder shares: `--data`, `--checkpoint` and `--format`.
struct DataFolderOptions: ParsableArguments {
    @Option(name: .long, help: .dataFolder)
    var data: String?

    @Option(name: .long, help: .store)
    var store: String?

    @Option(name: .customLong("key-file"), help: .keyFile)
    var keyFile: String?

    @Option(
        name: .long,
        help:
            "The log's checkpoint file, which may live outside the data folder (default: $SPOR_CHECKPOINT, else log.checkpoint in the data folder)."
    )
    var checkpoint: String?

    @Option(name: .customLong("segment-size"), help: .hidden)
    var segmentSize: Int = DataFolder.LogSettings.defaultSegmentSize

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        try format.require(OutputFormat.tableOrJSON)
        try StoreArgument.check(data: data, store: store)
    }

    /// The PostgreSQL store to use: `--store`, else `$SPOR_STORE` unless `--data` is given.
    var storeURL: String? { DataFolder.store(given: store, data: data) }

    /// The use cases over the PostgreSQL store or the data folder, opened for `mode`, with the store's snapshot in
    /// `cache` (a ``CacheOption``); the caller closes ``UseCases/folder`` when done (``UseCases/closing(_:)``).
    func openUseCases(
        _ mode: DataFolder.Mode, cache: CacheOption? = nil, settleWindow: SettleWindow = .standard
    ) async throws -> UseCases {
        try StoreArgument.check(data: data, store: store, cache: cache?.cache)
        guard let storeURL else { return try useCases(mode) }
        return UseCases(
            folder: try await DataFolder.open(
                store: storeURL, mode: mode, keyFile: keyFile.map { URL(fileURLWithPath: $0) },
                cache: cache?.folder, logger: Self.logger, log: cache?.applied(to: logSettings) ?? logSettings),
            settleWindow: settleWindow)
    }

    /// The data folder to use.
    var folder: URL { DataFolder.location(data) }

    /// The use cases over the data folder opened for `mode`; the caller closes ``UseCases/folder`` when done.
    func useCases(_ mode: DataFolder.Mode) throws -> UseCases {
        UseCases(folder: try DataFolder(url: folder, mode: mode, logger: Self.logger, log: logSettings))
    }

    /// Where the checkpoint is and how large segments grow.
    var logSettings: DataFolder.LogSettings {
        DataFolder.LogSettings(checkpointFile: checkpoint.map { URL(fileURLWithPath: $0) }, segmentSize: segmentSize)
    }

    /// A logger writing warnings and worse to standard error.
    static var logger: Logger {
        var logger = Logger(label: "spor", factory: { LineLogHandler(label: $0) })
        logger.logLevel = .warning
        return logger
    }
}
