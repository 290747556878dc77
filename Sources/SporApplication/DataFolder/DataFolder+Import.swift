import Foundation
import SporInstruments
import SporLog
import SporReports

extension DataFolder {
    /// Responses a store import sends in one transaction: other writers wait for the advisory lock no longer than
    /// one of these takes.
    static let storeImportSlice = 2_000

    /// Finds for each response of an import's batches whether it is new, already stored or a conflict: against
    /// the log's index in a data folder, against the responses in memory on a PostgreSQL store.
    func classify(_ batches: [RecordBatch]) async throws -> [RecordBatch] {
        guard store != nil else { return try await writableLog().classify(batches) }
        return try await read(long: true) { dataset in
            try RecordBatch.classify(batches) { id in dataset.recorded(id) }
        }
    }

    /// Writes the responses ``classify(_:)`` found new and returns how many were written. In a data folder they go
    /// out in large batches with the snapshot built beside them (``ImportSnapshot``). On a PostgreSQL store they
    /// go in transactions of ``storeImportSlice`` responses, each all or nothing and decided as every append is,
    /// so a response another process stored meanwhile is answered as stored (or refuses its slice as a conflict);
    /// after an interruption, importing the file again writes only what is missing.
    func record(_ batches: [RecordBatch]) async throws -> Int {
        guard let store else { return try await ImportSnapshot.record(batches, log: writableLog(), folder: self) }
        var written = 0
        for batch in batches {
            let events = try batch.newResponses().map { response, version in
                SporLog.LogEvent.responseRecorded(response, definitionVersion: version)
            }
            for start in stride(from: 0, to: events.count, by: Self.storeImportSlice) {
                let slice = Array(events[start..<min(start + Self.storeImportSlice, events.count)])
                let results = try await store.append(slice, author: batch.author)
                written += results.count { if case .appended = $0 { true } else { false } }
            }
        }
        return written
    }
}
