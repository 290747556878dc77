import Foundation
import Logging
import SporInstruments
import SporLog
import SporPostgres
import SporReports
import SporSnapshot

/// A daemon's local snapshot of the responses of a PostgreSQL store, in a cache folder of its own
/// (`spor serve --store … --cache DIR`, docs/postgresql.md): the same file as a data folder's snapshot, marked with
/// the number of rows it holds and the hash of the last one. At start it is used only when the table's row at the
/// mark still has that hash; then only the rows after it are read.
struct StoreSnapshot: Sendable {
    /// A snapshot is written after a start that read at least this many rows from the table.
    static let writeAfterRecords: UInt64 = 50_000

    let folder: URL
    let live: LiveDataset
    let logger: Logger

    /// The snapshot in `folder` with the position after its last row, when it fits the table.
    static func read(_ folder: URL?, log: PostgresLog) async throws -> (ResponseDataset, RecordChainCheck)? {
        guard let folder, let (dataset, mark) = DatasetLoader.snapshot(in: folder, catalog: .builtIn),
            mark.records > 0
        else { return nil }
        let rows = try await log.rows(from: mark.records - 1, limit: 1)
        guard let row = rows.first, row.sequence == mark.records - 1, row.hash == mark.headHash else { return nil }
        return (dataset, RecordChainCheck(nextSequence: mark.records, headHash: mark.headHash))
    }

    /// Writes the responses in memory, which hold the rows before `position`, as the snapshot (best effort: a
    /// failure only means the next start reads more of the table).
    func write(at position: RecordChainCheck) {
        guard position.nextSequence > 0 else { return }
        let mark = LogMark(records: position.nextSequence, segment: 0, offset: 0, headHash: position.headHash)
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try live.readBlocking { dataset in try DatasetLoader.writeSnapshot(of: dataset, at: mark, folder: folder) }
            logger.info("wrote the snapshot", metadata: ["records": "\(mark.records)"])
        } catch {
            logger.warning("no snapshot written", metadata: ["error": "\(error)"])
        }
    }
}
