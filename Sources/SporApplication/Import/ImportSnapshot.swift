import Foundation
import SporInstruments
import SporLog
import SporReports
import SporSnapshot

/// Writes an import's rows to the log and, for a large import, the folder's snapshot from those same rows, built on
/// another core while they are written: neither the import nor the next start replays the log just written
/// (docs/log-format.md, "Replay and the snapshot").
///
/// The dataset starts from the folder's responses before the import (the snapshot and the records after it, as
/// `spor report` loads them, read only up to the record count the rows were classified at, so the import's own
/// appends are never read; the import holds the folder's lock, so nothing else writes meanwhile) and takes each
/// new row with the sequence number and time the log gives it. The snapshot is written only when what the log
/// wrote is exactly that: same first sequence number, same count, same time; otherwise the snapshot is refreshed
/// by a replay, as for a small import.
enum ImportSnapshot {
    /// Records the classified batches and keeps the snapshot current; returns the number of responses written.
    /// Writing the snapshot is best effort: a failure only means the next read replays more.
    /// - Parameter minimum: from this many new rows on the snapshot is built from them; a smaller import
    ///   refreshes it as any command does (a replay of the records after it, and a new one only when it is stale).
    static func record(
        _ batches: [RecordBatch], log: EventLog, folder: DataFolder,
        buildingFrom minimum: UInt64 = DatasetLoader.refreshAfterRecords
    ) async throws -> Int {
        let newRows = batches.reduce(0) { $0 + $1.newCount }
        guard newRows >= minimum else {
            let written = try await log.record(batches)
            if written > 0 { folder.refreshSnapshot() }
            return written
        }
        let now = log.clockMillis()
        let url = folder.url
        let built = Task.detached { try? build(from: batches, newRows: newRows, folder: url, recordedAtMillis: now) }
        let span = try await log.recordSpan(batches, recordedAtMillis: now)
        if let (dataset, first, applied) = await built.value, let mark = span.mark, span.firstSequence == first,
            span.count == applied, span.recordedAtMillis == now
        {
            try? DatasetLoader.writeSnapshot(of: dataset, at: mark, folder: url)
        } else if span.count > 0 {
            folder.refreshSnapshot()
        }
        return span.count
    }

    /// The folder's responses as they stand, with the batches' new responses applied as the records numbered from
    /// the log's current end; the first sequence number used and how many were applied. `newRows` is how many of
    /// the batches' rows are new.
    static func build(
        from batches: [RecordBatch], newRows: Int, folder: URL, recordedAtMillis: Int64
    ) throws -> (ResponseDataset, UInt64, Int) {
        // Only the records there were when the batches were classified: the log grows meanwhile.
        let base = try DatasetLoader.load(
            folder: folder, catalog: .builtIn, refresh: false, upTo: batches.first?.classifiedAt ?? 0)
        var dataset = base.dataset
        // Room for every new row at once (not for the rows already stored). Grown by doubling, the columns were
        // copied into fresh pages at each step and kept up to twice the room they needed: a 5M import peaked about
        // 90 MB higher.
        dataset.reserveCapacity(dataset.count + newRows)
        let first = base.mark?.records ?? 0
        var sequence = first
        let decoded = DecodedBatches(batches)
        defer { decoded.finish() }
        for (index, batch) in batches.enumerated() {
            let responses = try decoded.take(index)
            for (row, (response, version)) in responses.enumerated() {
                if row + IDTable.prefetchDistance < responses.count {
                    dataset.prefetch(responses[row + IDTable.prefetchDistance].0.id)
                }
                try dataset.apply(
                    LogEntry(
                        sequence: sequence, recordedAtMillis: recordedAtMillis,
                        event: .responseRecorded(response, definitionVersion: version), author: batch.author))
                sequence += 1
            }
        }
        return (dataset, first, Int(sequence - first))
    }
}
