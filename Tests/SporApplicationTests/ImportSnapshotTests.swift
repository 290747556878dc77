import Foundation
import Logging
import SporInstruments
import SporLog
import SporReports
import SporSnapshot
import SporTesting
import Testing

@testable import SporApplication

/// The snapshot an import builds from its own rows is the one a replay of the log gives.
@Suite struct ImportSnapshotTests {
    static let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let author = Author.token(name: AuthorName(rawValue: "staff")!, role: AuthorName(rawValue: "staff")!)

    static func response(_ index: Int, id: UUID = UUID()) -> Response {
        Response(
            id: id, citizen: CitizenID(rawValue: "c-\(index % 7)")!, instrument: .who5,
            administeredAt: CalendarDate(year: 2026, month: 1 + index % 12, day: 1 + index % 28)!,
            answers: [index % 6, 3, 2, index % 4, 1], unit: Label(rawValue: "unit-\(index % 3)"))
    }

    /// Imports 40 rows (one stored before, one given twice) in `batches` batches with the snapshot built from them,
    /// into a folder whose earlier records are in a snapshot or not; returns the snapshot's bytes and those of a
    /// full replay's.
    static func snapshots(
        earlierInSnapshot: Bool, batches count: Int
    ) async throws -> (imported: [UInt8], replayed: [UInt8]) {
        let folder = try TemporaryFolder(prefix: "spor-import-snapshot")
        defer { folder.remove() }
        let earlier = (0..<10).map { response($0) }
        let serving = try DataFolder(url: folder.url, mode: .serving, logger: logger)
        for response in earlier {
            _ = try await serving.append([.responseRecorded(response, definitionVersion: "1")], author: author)
        }
        await serving.close()  // writes the snapshot of the 10 records
        let snapshot = folder.url.appendingPathComponent(DatasetLoader.snapshotFileName)
        if !earlierInSnapshot { try FileManager.default.removeItem(at: snapshot) }

        let writing = try DataFolder(url: folder.url, mode: .writing, logger: logger)
        let twice = response(99)
        // One already stored, then new ones, then one given twice (the second given earlier in the file).
        let rows = [earlier[3]] + (10..<49).map { response($0) } + [twice, twice]
        let size = (rows.count + count - 1) / count
        var batches: [RecordBatch] = []
        for start in stride(from: 0, to: rows.count, by: size) {
            var batch = RecordBatch(author: author)
            for row in rows[start..<min(start + size, rows.count)] { try batch.append(row, definitionVersion: "1") }
            batches.append(batch)
        }
        #expect(batches.count == count)
        let log = try writing.writableLog()
        let classified = try await log.classify(batches)
        let written = try await ImportSnapshot.record(classified, log: log, folder: writing, buildingFrom: 1)
        #expect(written == 40)
        await writing.close()
        let imported = try [UInt8](Data(contentsOf: snapshot))

        try FileManager.default.removeItem(at: snapshot)
        let replayed = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        #expect(replayed.source == .fullReplay)
        #expect(replayed.dataset.count == 50)
        return (imported, try [UInt8](Data(contentsOf: snapshot)))
    }

    /// In one batch, and in several (read back a batch or two ahead of the build, ``DecodedBatches``).
    @Test(arguments: [true, false], [1, 6])
    func theSnapshotBuiltByAnImportIsTheOneAReplayWrites(earlierInSnapshot: Bool, batches: Int) async throws {
        let (imported, replayed) = try await Self.snapshots(earlierInSnapshot: earlierInSnapshot, batches: batches)
        #expect(imported.count > 1000)
        #expect(imported == replayed)
    }

    @Test func theNextStartReadsTheImportsSnapshotAndReplaysNothing() async throws {
        let folder = try TemporaryFolder(prefix: "spor-import-start")
        defer { folder.remove() }
        let writing = try DataFolder(url: folder.url, mode: .writing, logger: Self.logger)
        var batch = RecordBatch(author: Self.author)
        for index in 0..<25 { try batch.append(Self.response(index), definitionVersion: "1") }
        let log = try writing.writableLog()
        let classified = try await log.classify([batch])
        #expect(try await ImportSnapshot.record(classified, log: log, folder: writing, buildingFrom: 1) == 25)
        await writing.close()
        let serving = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        #expect(serving.load == DataFolder.Load(fromSnapshot: true, recordsReplayed: 0))
        #expect(try await serving.read(long: false) { $0.count } == 25)
        await serving.close()
    }
}
