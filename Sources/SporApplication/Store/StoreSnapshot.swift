import Foundation
import SporInstruments
import SporLog
import SporPostgres
import SporReports
import SporSnapshot

/// A local snapshot of the responses of a PostgreSQL store, in a cache folder (`--cache DIR` of `spor serve --store`
/// and of the commands, docs/postgresql.md): the same file as a data folder's snapshot, marked with the number of
/// rows it holds and the hash of the last one. At opening it is used only when the table's row at the mark still
/// has that hash; then only the rows after it are read. The responses in memory write it (``LiveDataset``,
/// ``LiveDataset/SnapshotPlace/cache(_:)``): a daemon in the background and at close, a command at close when due.
struct StoreSnapshot {
    let dataset: ResponseDataset
    let mark: LogMark

    /// Where reading the table goes on after the snapshot.
    var position: RecordChainCheck { RecordChainCheck(nextSequence: mark.records, headHash: mark.headHash) }

    /// The snapshot in `folder`, when there is one and it fits the table.
    static func read(_ folder: URL?, log: PostgresLog) async throws -> StoreSnapshot? {
        guard let folder, let (dataset, mark) = DatasetLoader.snapshot(in: folder, catalog: .builtIn),
            mark.records > 0
        else { return nil }
        let rows = try await log.rows(from: mark.records - 1, limit: 1)
        guard let row = rows.first, row.sequence == mark.records - 1, row.hash == mark.headHash else { return nil }
        return StoreSnapshot(dataset: dataset, mark: mark)
    }
}
