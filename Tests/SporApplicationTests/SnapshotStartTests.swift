import Foundation
import Logging
import SporInstruments
import SporLog
import SporReports
import SporSnapshot
import SporTesting
import Testing

@testable import SporApplication

/// The daemon's folder loads the responses from the snapshot and replays only the records after it.
@Suite struct SnapshotStartTests {
    static let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let author = Author.token(name: AuthorName(rawValue: "staff")!, role: AuthorName(rawValue: "staff")!)

    static func append(_ count: Int, to folder: DataFolder, from first: Int = 0) async throws {
        for index in first..<first + count {
            let response = Response(
                id: UUID(), citizen: CitizenID(rawValue: "c-\(index % 5)")!, instrument: .who5,
                administeredAt: CalendarDate(year: 2026, month: 3, day: 1 + index % 28)!, answers: [3, 3, 2, 3, 1])
            _ = try await folder.append([.responseRecorded(response, definitionVersion: "1")], author: author)
        }
    }

    @Test func aServingFolderReplaysOnlyTheRecordsAfterTheSnapshot() async throws {
        let folder = try TemporaryFolder(prefix: "spor-snapshot-start")
        defer { folder.remove() }
        let first = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        #expect(first.load == DataFolder.Load(fromSnapshot: false, recordsReplayed: 0))
        try await Self.append(30, to: first)
        await first.close()  // writes the snapshot of 30 records

        // Records appended by a command that does not keep the responses in memory come after the snapshot.
        let writer = try DataFolder(url: folder.url, mode: .writing, logger: Self.logger)
        try await Self.append(7, to: writer, from: 30)
        await writer.close()

        let second = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        #expect(second.load == DataFolder.Load(fromSnapshot: true, recordsReplayed: 7))
        #expect(try await second.read(long: false) { $0.count } == 37)
        await second.close()

        let third = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        #expect(third.load == DataFolder.Load(fromSnapshot: true, recordsReplayed: 0))
        await third.close()
    }

    @Test func aStaleSnapshotIsRewrittenInTheBackgroundAfterTheStart() async throws {
        let folder = try TemporaryFolder(prefix: "spor-snapshot-stale")
        defer { folder.remove() }
        let settings = DataFolder.LogSettings(snapshotAfterRecords: 10)
        let first = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger, log: settings)
        try await Self.append(5, to: first)
        await first.close()  // the snapshot of 5 records
        let writer = try DataFolder(url: folder.url, mode: .writing, logger: Self.logger)
        try await Self.append(12, to: writer, from: 5)
        await writer.close()

        // The start replays the 12 records after the snapshot and serves; the snapshot follows in the background.
        let second = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger, log: settings)
        #expect(second.load == DataFolder.Load(fromSnapshot: true, recordsReplayed: 12))
        var behind: UInt64?
        for _ in 0..<200 {
            let loaded = try DatasetLoader.load(folder: folder.url, catalog: .builtIn, refresh: false)
            if case .snapshot(let recordsAfter) = loaded.source { behind = recordsAfter }
            if behind == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(behind == 0)
        await second.close()
    }

    @Test func aDamagedSnapshotIsIgnoredAndRebuilt() async throws {
        let folder = try TemporaryFolder(prefix: "spor-snapshot-damaged")
        defer { folder.remove() }
        let first = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        try await Self.append(20, to: first)
        await first.close()
        let path = folder.url.appendingPathComponent("dataset.snapshot").path
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 3] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let second = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        #expect(second.load == DataFolder.Load(fromSnapshot: false, recordsReplayed: 20))
        #expect(try await second.read(long: false) { $0.count } == 20)
        await second.close()
        let third = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        #expect(third.load == DataFolder.Load(fromSnapshot: true, recordsReplayed: 0))
        await third.close()
    }

    @Test func aSnapshotIsWrittenInTheBackgroundAfterManyNewRecords() async throws {
        let folder = try TemporaryFolder(prefix: "spor-snapshot-background")
        defer { folder.remove() }
        let storage = try DataFolder(
            url: folder.url, mode: .serving, logger: Self.logger, log: DataFolder.LogSettings(snapshotAfterRecords: 10))
        try await Self.append(12, to: storage)
        // Written on a queue of its own: wait (at most 20 s) for the file. Only then open a reader: a reader that
        // finds none writes one itself, and the test would pass without the background snapshot.
        let snapshot = folder.url.appendingPathComponent("dataset.snapshot").path
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: snapshot) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(FileManager.default.fileExists(atPath: snapshot))
        let load: DataFolder.Load? = try DataFolder(url: folder.url, mode: .reading, logger: Self.logger).load
        #expect(load?.fromSnapshot == true)
        #expect((load?.recordsReplayed ?? 99) <= 2)
        await storage.close()
    }
}
