import ArgumentParser
import Foundation
import SporApplication
import SporInstruments
import SporReports

/// The data folder of the read-only commands: opened without its lock (a running daemon may hold it) and without
/// changing the log, from the snapshot beside the log and the records after it when the snapshot fits the log,
/// else by replaying the whole log, checking every record and the hash chain. A fresh snapshot is left behind when
/// there was none or it was far behind. On a PostgreSQL store the same holds with `--cache`: the snapshot lives in
/// that local folder.
struct ReportDataOptions: ParsableArguments {
    @Option(name: .long, help: .dataFolder)
    var data: String?

    @Option(name: .long, help: .store)
    var store: String?

    @Option(name: .customLong("key-file"), help: .keyFile)
    var keyFile: String?

    @OptionGroup var cacheOption: CacheOption

    func validate() throws {
        try StoreArgument.check(data: data, store: store, cache: cacheOption.cache)
    }

    /// The use cases over the data folder, or the PostgreSQL store (`--store`, else `$SPOR_STORE` unless `--data`
    /// is given), opened for reading.
    func useCases(settleWindow: SettleWindow = .standard) async throws -> UseCases {
        if let store = DataFolder.store(given: store, data: data) {
            return UseCases(
                folder: try await DataFolder.open(
                    store: store, mode: .reading, keyFile: keyFile.map { URL(fileURLWithPath: $0) },
                    cache: cacheOption.folder, logger: DataFolderOptions.logger,
                    log: cacheOption.applied(to: DataFolder.LogSettings())),
                settleWindow: settleWindow)
        }
        return UseCases(
            folder: try DataFolder(url: DataFolder.location(data), mode: .reading, logger: DataFolderOptions.logger),
            settleWindow: settleWindow)
    }
}

/// Parsers for the report commands' option values.
enum ReportArgument {
    /// A pseudonymous citizen id. Not a `transform:`: ArgumentParser repeats a refused value in its error, and
    /// the text refused here may be a CPR number typed into the wrong place.
    static func citizen(_ text: String, name: String = "citizen") throws -> CitizenID {
        guard let citizen = CitizenID(rawValue: text) else {
            throw ValidationError("\(name): expected 1-64 of A-Z a-z 0-9 . _ - (a pseudonymous id, not a CPR number)")
        }
        return citizen
    }

    /// `YYYY-MM-DD`.
    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso8601: text) else { throw ValidationError("expected a date YYYY-MM-DD") }
        return date
    }

    /// An instrument id of the built-in catalog.
    static func instrument(_ text: String) throws -> InstrumentID {
        let id = InstrumentID(text)
        guard InstrumentCatalog.builtIn[id] != nil else { throw ValidationError("expected who5 or brief-inspire-o") }
        return id
    }

    static func period(_ text: String) throws -> ReportPeriod {
        guard let period = ReportPeriod(rawValue: text) else {
            throw ValidationError("expected month, quarter or year")
        }
        return period
    }

    static func grouping(_ text: String) throws -> ReportGrouping {
        guard let by = ReportGrouping(rawValue: text) else {
            throw ValidationError("expected unit, intervention or none")
        }
        return by
    }
}
