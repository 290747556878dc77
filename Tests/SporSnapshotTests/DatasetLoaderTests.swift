import Foundation
import Logging
import SporInstruments
import SporLog
import SporReports
import SporSnapshot
import SporTesting
import Testing

/// A dataset loaded from a snapshot and the records after it gives exactly what a full replay gives, and a
/// snapshot that does not fit the log is never used.
@Suite struct DatasetLoaderTests {
    static let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Authors taking turns: batches of API requests, a command line and imports of two files.
    static let authors: [Author] = [
        .token(name: AuthorName(rawValue: "anna")!, role: AuthorName(rawValue: "staff")!),
        .cli(user: AuthorName(rawValue: "ole")!),
        .import(user: AuthorName(rawValue: "ole")!, fileSHA256: FileDigest(bytes: repeatElement(1, count: 32))!),
        .import(user: AuthorName(rawValue: "ole")!, fileSHA256: FileDigest(bytes: repeatElement(2, count: 32))!),
    ]

    /// Appends `count` generated responses in batches by authors taking turns, then corrects and retracts a few of
    /// them.
    static func fill(_ folder: TemporaryFolder, seed: UInt64, count: Int, segmentSize: Int = 64 << 20) async throws {
        let log = try EventLog.open(
            folder: folder.url, configuration: EventLog.Configuration(segmentSize: segmentSize), logger: logger)
        let responses = SyntheticData(seed: seed, responses: count).all()
        for start in stride(from: 0, to: responses.count, by: 50) {
            let batch = responses[start..<min(start + 50, responses.count)]
            _ = try await log.append(
                batch.map { .responseRecorded($0, definitionVersion: "1.0.0") },
                author: authors[start / 50 % authors.count])
        }
        for (position, response) in responses.enumerated() where position % 17 == 3 {
            var corrected = response
            corrected.answers = corrected.answers.map { $0.map { max(0, $0 - 1) } ?? 2 }
            corrected.administeredAt = CalendarDate(daysSinceEpoch: response.administeredAt.daysSinceEpoch + 40)
            _ = try await log.append(
                [.responseCorrected(corrected, definitionVersion: "1.0.0", reason: "typo")],
                author: authors[position % 2])
        }
        for (position, response) in responses.enumerated() where position % 23 == 5 {
            _ = try await log.append(
                [.responseRetracted(id: response.id, reason: "entered in error")], author: authors[1])
        }
        await log.close()
    }

    /// Every report shape and the full trajectory of a few citizens, as JSON.
    static func outputs(_ dataset: ResponseDataset) throws -> [Data] {
        var outputs: [Data] = []
        for instrument in [InstrumentID.who5, .briefInspireO] {
            for by in [ReportGrouping.unit, .intervention, .none] {
                outputs.append(
                    try ReportJSON.data(
                        dataset.trendReport(
                            TrendReportRequest(
                                instrument: instrument, period: .quarter, by: by, minCell: 1, allowSmallCells: true))))
            }
        }
        for citizen in ["c-1", "c-2", "c-7", "c-30"] {
            outputs.append(try ReportJSON.data(dataset.trajectory(of: CitizenID(rawValue: citizen)!, history: true)))
        }
        return outputs
    }

    static func fullReplay(_ folder: TemporaryFolder) throws -> ResponseDataset {
        var dataset = try ResponseDataset(catalog: .builtIn)
        _ = try LogVerifier.verify(folder: folder.url) { entry, _ in try dataset.apply(entry) }
        return dataset
    }

    static var snapshotPath: String { DatasetLoader.snapshotFileName }
    /// The first segment's file name (the log's naming is internal to SporLog).
    static let firstSegment = "segment-00000001.log"

    @Test func firstLoadWritesTheSnapshotAndTheNextUsesIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.fill(folder, seed: 1, count: 600)

        let first = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        #expect(first.source == .fullReplay)
        #expect(FileManager.default.fileExists(atPath: folder.path(Self.snapshotPath).path))
        let second = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        #expect(second.source == .snapshot(recordsAfter: 0))
        #expect(second.mark == first.mark)
        // Room to grow, so a daemon's first writes copy no column.
        #expect(second.dataset.spareRows >= ResponseDataset.roomToGrow(second.dataset.count))
        #expect(try Self.outputs(second.dataset) == Self.outputs(Self.fullReplay(folder)))
    }

    /// The authors survive the snapshot: every revision of every response names the same author after a load from
    /// the snapshot as after a full replay.
    @Test func theSnapshotKeepsTheAuthorOfEveryEvent() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.fill(folder, seed: 3, count: 500)
        _ = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        #expect(loaded.source == .snapshot(recordsAfter: 0))
        let replayed = try Self.fullReplay(folder)
        var seen: Set<Author> = []
        for response in SyntheticData(seed: 3, responses: 500).all() {
            let revisions = loaded.dataset.revisions(of: response.id)
            #expect(revisions == replayed.revisions(of: response.id))
            seen.formUnion(revisions.map(\.author))
        }
        #expect(seen == Set(Self.authors))
    }

    @Test func recordsAppendedAfterTheSnapshotAreReplayed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Small segments, so the records after the snapshot start in its segment and go on in new ones.
        try await Self.fill(folder, seed: 2, count: 400, segmentSize: 16 << 10)
        _ = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        try await Self.fill(folder, seed: 3, count: 300, segmentSize: 16 << 10)

        let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
        guard case .snapshot(let after) = loaded.source else {
            Issue.record("expected the snapshot to be used, got \(loaded.source)")
            return
        }
        #expect(after > 300)
        #expect(try Self.outputs(loaded.dataset) == Self.outputs(Self.fullReplay(folder)))
    }

    /// A load up to a record count reads the log as it stood at that count, however far it has grown since (an
    /// import reads the folder's earlier responses while it appends): by a full replay when the snapshot lies past
    /// the count.
    @Test func aLoadUpToACountIgnoresLaterRecordsAndASnapshotPastIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.fill(folder, seed: 4, count: 300, segmentSize: 16 << 10)
        let before = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
        try await Self.fill(folder, seed: 5, count: 200, segmentSize: 16 << 10)
        let grown = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        #expect(grown.snapshotMark == grown.mark)

        let count = try #require(before.mark).records
        let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false, upTo: count)
        #expect(loaded.source == .fullReplay)
        #expect(loaded.mark == before.mark)
        #expect(loaded.dataset.count == before.dataset.count)
        #expect(try Self.outputs(loaded.dataset) == Self.outputs(before.dataset))
    }

    /// The same from a snapshot taken before the count: only the records between the two are replayed.
    @Test func aLoadUpToACountReplaysOnlyUpToItAfterTheSnapshot() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.fill(folder, seed: 6, count: 300, segmentSize: 16 << 10)
        let snapshot = try #require(
            try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true).snapshotMark)
        try await Self.fill(folder, seed: 7, count: 100, segmentSize: 16 << 10)
        let before = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
        try await Self.fill(folder, seed: 8, count: 200, segmentSize: 16 << 10)

        let count = try #require(before.mark).records
        let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false, upTo: count)
        #expect(loaded.source == .snapshot(recordsAfter: count - snapshot.records))
        #expect(loaded.mark == before.mark)
        #expect(try Self.outputs(loaded.dataset) == Self.outputs(before.dataset))
        let atSnapshot = try DatasetLoader.load(
            folder: folder.url, catalog: .builtIn, refresh: false, upTo: snapshot.records)
        #expect(atSnapshot.source == .snapshot(recordsAfter: 0))
        #expect(atSnapshot.mark == snapshot)
    }

    @Test func aDamagedSnapshotIsIgnoredAndReplaced() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.fill(folder, seed: 4, count: 500)
        _ = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        let url = folder.path(Self.snapshotPath)
        let good = try Data(contentsOf: url)
        let expected = try Self.outputs(Self.fullReplay(folder))

        // One flipped bit anywhere (header, a section header, a column) and the cut-off file are all refused.
        for position in [10, 100, good.count / 3, good.count / 2, good.count - 3] {
            var damaged = good
            damaged[position] ^= 0x10
            try damaged.write(to: url)
            let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
            #expect(loaded.source == .fullReplay, "flipped byte \(position)")
            #expect(try Self.outputs(loaded.dataset) == expected)
        }
        try good.prefix(good.count - 1000).write(to: url)
        #expect(try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true).source == .fullReplay)
        #expect(
            try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false).source
                == .snapshot(recordsAfter: 0))
    }

    @Test func aSnapshotOfAnotherLogIsIgnored() async throws {
        let folder = try TemporaryFolder()
        let other = try TemporaryFolder()
        defer {
            folder.remove()
            other.remove()
        }
        try await Self.fill(folder, seed: 5, count: 300)
        try await Self.fill(other, seed: 6, count: 900)
        _ = try DatasetLoader.load(folder: other.url, catalog: .builtIn, refresh: true)
        try FileManager.default.copyItem(at: other.path(Self.snapshotPath), to: folder.path(Self.snapshotPath))

        let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
        #expect(loaded.source == .fullReplay)
        #expect(try Self.outputs(loaded.dataset) == Self.outputs(Self.fullReplay(folder)))
    }

    @Test func aLogCutBackBehindTheSnapshotIsReplayedInFull() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.fill(folder, seed: 7, count: 300)
        let segment = folder.path(Self.firstSegment)
        let checkpoint = folder.path("log.checkpoint")
        let before = try Data(contentsOf: segment)
        let checkpointBefore = try Data(contentsOf: checkpoint)
        try await Self.fill(folder, seed: 8, count: 200)
        _ = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        // The log as it was before the last 200 responses (a restored backup, with its checkpoint), then different
        // records appended.
        try before.write(to: segment)
        try checkpointBefore.write(to: checkpoint)
        try await Self.fill(folder, seed: 9, count: 250)

        let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
        #expect(loaded.source == .fullReplay)
        #expect(try Self.outputs(loaded.dataset) == Self.outputs(Self.fullReplay(folder)))
    }

    @Test func aTornRecordAfterTheSnapshotIsSkippedAsInAFullReplay() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.fill(folder, seed: 10, count: 300)
        _ = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: true)
        let checkpoint = folder.path("log.checkpoint")
        let checkpointBefore = try Data(contentsOf: checkpoint)
        try await Self.fill(folder, seed: 11, count: 60)
        let segment = folder.path(Self.firstSegment)
        let bytes = try Data(contentsOf: segment)
        // A crash in the middle of the last write, before the next checkpoint.
        try bytes.prefix(bytes.count - 7).write(to: segment)
        try checkpointBefore.write(to: checkpoint)

        let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
        #expect(loaded.source != .fullReplay)
        #expect(try Self.outputs(loaded.dataset) == Self.outputs(Self.fullReplay(folder)))
    }
}
