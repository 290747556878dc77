import ArgumentParser
import Foundation
import SporApplication

/// `--cache DIR`, for the commands that load the responses of a PostgreSQL store (docs/postgresql.md): record,
/// correct, retract, import and stress, and through ``ReportDataOptions`` the report commands. The commands that
/// never load the responses, such as `token` and `verify`, do not take it.
struct CacheOption: ParsableArguments {
    @Option(help: .cache)
    var cache: String?

    /// How many rows read or written after the cached snapshot make the command leave a fresh one at exit
    /// (`DataFolder.LogSettings.commandSnapshotAfterRecords` unless given). Hidden: it lets a test see a refresh without loading
    /// tens of thousands of rows.
    @Option(name: .customLong("snapshot-after"), help: .hidden)
    var snapshotAfter: UInt64?

    func validate() throws {
        try Self.check(cache: cache, snapshotAfter: snapshotAfter)
    }

    /// `--snapshot-after` needs a cache to write to, and at least one row.
    static func check(cache: String?, snapshotAfter: UInt64?) throws {
        guard let snapshotAfter else { return }
        guard cache != nil else { throw ValidationError("--snapshot-after goes with --cache") }
        guard snapshotAfter >= 1 else { throw ValidationError("--snapshot-after must be at least 1") }
    }

    /// The cache folder, when given.
    var folder: URL? { cache.map { URL(fileURLWithPath: $0) } }

    /// `settings` with this command's snapshot threshold.
    func applied(to settings: DataFolder.LogSettings) -> DataFolder.LogSettings {
        var settings = settings
        settings.snapshotAfterRecords = snapshotAfter ?? DataFolder.LogSettings.commandSnapshotAfterRecords
        return settings
    }
}
