public import Foundation
public import SporInstruments
public import SporLog
public import SporReports

/// Loads the ``ResponseDataset`` of a data folder without taking its lock or changing the log: from the snapshot
/// file beside the log plus the records appended since it was taken, or, when there is no snapshot or it does not
/// fit the log, by replaying the whole log.
///
/// The snapshot (`dataset.snapshot`) is derived state, never the truth (docs/log-format.md). It holds the
/// dataset's columns and the log mark it was taken at: the number of records, where the last one starts and its
/// SHA-256. It is used only when the log still holds that very record at that place (read and hashed again) and
/// every record after it is intact and chained to it; every section is checksummed, and anything that does not fit
/// (another format or instrument definitions, a damaged or cut-off file, a log that was replaced, cut back or is
/// damaged after the mark) means a full replay instead, which reports damage precisely. What it trusts: that the
/// log's records before the mark were not changed since the snapshot was taken. `spor verify` checks the whole
/// chain.
///
/// ```swift
/// let loaded = try DatasetLoader.load(folder: folder, catalog: .builtIn, refresh: true)
/// let report = try loaded.dataset.trendReport(request)
/// ```
public enum DatasetLoader {
    /// The snapshot's file name in the data folder.
    public static let snapshotFileName = "dataset.snapshot"

    /// With `refresh`, a new snapshot is written when this many records or more were replayed after the old one.
    public static let refreshAfterRecords: UInt64 = 50_000

    /// How a dataset was loaded.
    public enum Source: Hashable, Sendable {
        /// From the snapshot, then the records appended after it.
        case snapshot(recordsAfter: UInt64)
        /// By replaying the whole log.
        case fullReplay
    }

    /// A loaded dataset, the mark of the last record it holds (`nil` for an empty log) and how it was loaded.
    public struct Loaded: Sendable {
        public var dataset: ResponseDataset
        public var mark: LogMark?
        public var source: Source
        /// The mark of the folder's snapshot file after loading (the one read, or the one written now); `nil` when
        /// there is none that fits the log.
        public var snapshotMark: LogMark?
    }

    /// Loads the dataset of `folder`, from its snapshot when that fits the log, else by a full replay.
    ///
    /// - Parameters:
    ///   - refresh: write a new snapshot (best effort: a read-only folder is no error) after a full replay or when at
    ///     least ``refreshAfterRecords`` records were appended since the old one.
    ///   - limit: load only the first this many records (a batch's end), not reading what a writer appends meanwhile;
    ///     `nil` for the whole log.
    /// - Throws: ``LogError`` from a full replay (damage names the segment and offset), or
    ///   ``ResponseDatasetError`` for an entry that does not fit the catalog.
    public static func load(
        folder: URL, catalog: InstrumentCatalog, refresh: Bool, upTo limit: UInt64? = nil
    ) throws -> Loaded {
        var loaded =
            try fromSnapshot(folder: folder, catalog: catalog, upTo: limit)
            ?? fullReplay(folder: folder, catalog: catalog, upTo: limit)
        let stale =
            switch loaded.source {
            case .fullReplay: true
            case .snapshot(let recordsAfter): recordsAfter >= refreshAfterRecords
            }
        if refresh, stale, let mark = loaded.mark,
            (try? writeSnapshot(of: loaded.dataset, at: mark, folder: folder)) != nil
        {
            loaded.snapshotMark = mark
        }
        return loaded
    }

    /// Writes `dataset`, which holds the log up to `mark`, as the folder's snapshot, replacing any earlier one
    /// atomically.
    /// - Throws: ``SnapshotError`` when the file cannot be written.
    public static func writeSnapshot(of dataset: ResponseDataset, at mark: LogMark, folder: URL) throws {
        let path = folder.appendingPathComponent(snapshotFileName).path
        var writer = try SnapshotWriter(path: path, header: SnapshotFile.header(mark))
        do {
            try dataset.writeSnapshot(to: &writer)
        } catch {
            writer.abandon()
            throw error
        }
        try writer.finish(path: path)
    }

    /// The dataset from the snapshot and the records after it, `nil` when there is no snapshot or it does not fit.
    private static func fromSnapshot(folder: URL, catalog: InstrumentCatalog, upTo limit: UInt64?) -> Loaded? {
        let path = folder.appendingPathComponent(snapshotFileName).path
        guard var reader = try? SnapshotReader(path: path) else { return nil }
        defer { reader.close() }
        if let limit, reader.mark.records > limit { return nil }
        guard var dataset = try? ResponseDataset(catalog: catalog, snapshot: &reader), reader.isAtEnd else {
            return nil
        }
        var recordsAfter: UInt64 = 0
        let replayed = try? LogReplay.replay(folder: folder, after: reader.mark, upTo: limit) { entry in
            try dataset.apply(entry)
            recordsAfter += 1
        }
        guard let mark = replayed else { return nil }
        return Loaded(
            dataset: dataset, mark: mark, source: .snapshot(recordsAfter: recordsAfter), snapshotMark: reader.mark)
    }

    private static func fullReplay(folder: URL, catalog: InstrumentCatalog, upTo limit: UInt64?) throws -> Loaded {
        var dataset = try ResponseDataset(catalog: catalog)
        let mark = try LogReplay.replay(folder: folder, upTo: limit) { entry in try dataset.apply(entry) }
        return Loaded(dataset: dataset, mark: mark, source: .fullReplay, snapshotMark: nil)
    }
}
