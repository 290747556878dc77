import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication

/// The audit trail as robust as the log: framed and chained lines, a torn line cut, one bad line skipped and named,
/// several writers on one chain.
@Suite struct AuditTrailTests {
    static func record(_ index: Int) -> AuditRecord {
        AuditRecord(
            at: Date(timeIntervalSince1970: 1_780_000_000 + Double(index)), who: "reader-\(index)", role: .caseworker,
            citizen: CitizenID(rawValue: "c-\(index)")!, endpoint: "GET /v1/citizens/{citizen}/trajectory")
    }

    static func append(_ range: Range<Int>, to folder: URL) async throws {
        let trail = try AuditTrail(folder: folder)
        for index in range { try await trail.append(record(index)) }
    }

    static func path(_ folder: TemporaryFolder) -> String {
        folder.url.appendingPathComponent(AuditTrail.fileName).path
    }

    @Test func aTornLineIsCutBeforeTheNextWriteAndEveryCompleteLineStaysReadable() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.append(0..<3, to: folder.url)
        let handle = try #require(FileHandle(forWritingAtPath: Self.path(folder)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"at":"2026-11-30T10:00:00.000Z","citi"#.utf8))
        try handle.close()
        #expect(try AuditTrail.verify(folder: folder.url).tornBytes > 0)
        try await Self.append(3..<5, to: folder.url)
        let (records, damaged) = try AuditTrail.read(folder: folder.url)
        #expect(records.map(\.who) == (0..<5).map { "reader-\($0)" })
        #expect(damaged == 0)
        let verification = try AuditTrail.verify(folder: folder.url)
        #expect(verification.lines == 5 && verification.broken.isEmpty && verification.tornBytes == 0)
    }

    /// One trail kept open counts the size it wrote; a torn line another process left after that is still found
    /// and cut, and a complete line another wrote is chained after, as a fresh trail would.
    @Test func aTrailKeptOpenFindsWhatOthersWroteSinceItsLastWrite() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let trail = try AuditTrail(folder: folder.url)
        try await trail.append(Self.record(0))
        try await Self.append(1..<2, to: folder.url)
        try await trail.append(Self.record(2))
        let handle = try #require(FileHandle(forWritingAtPath: Self.path(folder)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"at":"2026-11-30T10:00:00.000Z","citi"#.utf8))
        try handle.close()
        try await trail.append(Self.record(3))
        try await trail.append(Self.record(4))
        let (records, damaged) = try AuditTrail.read(folder: folder.url)
        #expect(records.map(\.who) == (0..<5).map { "reader-\($0)" })
        #expect(damaged == 0)
        let verification = try AuditTrail.verify(folder: folder.url)
        #expect(verification.lines == 5 && verification.broken.isEmpty && verification.tornBytes == 0)
    }

    @Test func aChangedLineIsSkippedAndNamedWhileTheOthersAreRead() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.append(0..<4, to: folder.url)
        var text = try String(contentsOfFile: Self.path(folder), encoding: .utf8)
        text = text.replacingOccurrences(of: "reader-1", with: "reader-9")
        try text.write(toFile: Self.path(folder), atomically: false, encoding: .utf8)
        let (records, damaged) = try AuditTrail.read(folder: folder.url)
        #expect(records.map(\.who) == ["reader-0", "reader-2", "reader-3"])
        #expect(damaged == 1)
        #expect(try AuditTrail.verify(folder: folder.url).broken == [2])
    }

    @Test func aRemovedLineBreaksTheChainAtTheLineAfterIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.append(0..<4, to: folder.url)
        var lines = try String(contentsOfFile: Self.path(folder), encoding: .utf8).split(separator: "\n")
        lines.remove(at: 1)
        try (lines.joined(separator: "\n") + "\n").write(toFile: Self.path(folder), atomically: false, encoding: .utf8)
        #expect(try AuditTrail.verify(folder: folder.url).broken == [2])
    }

    @Test func twoWritersOnOneFolderKeepOneChain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try AuditTrail(folder: folder.url)
        let second = try AuditTrail(folder: folder.url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { try await (index % 2 == 0 ? first : second).append(Self.record(index)) }
            }
            try await group.waitForAll()
        }
        let verification = try AuditTrail.verify(folder: folder.url)
        #expect(verification.lines == 200 && verification.broken.isEmpty)
        #expect(
            Set(try AuditTrail.read(folder: folder.url).records.map(\.who)) == Set((0..<200).map { "reader-\($0)" }))
    }

    @Test func linesFromBeforeChainingStayReadable() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try (Self.record(0).json + "\n" + Self.record(1).json + "\n")
            .write(toFile: Self.path(folder), atomically: false, encoding: .utf8)
        try await Self.append(2..<4, to: folder.url)
        #expect(try AuditTrail.read(folder: folder.url).records.map(\.who) == (0..<4).map { "reader-\($0)" })
        let verification = try AuditTrail.verify(folder: folder.url)
        #expect(verification.unchained == 2 && verification.broken.isEmpty)
    }
}
