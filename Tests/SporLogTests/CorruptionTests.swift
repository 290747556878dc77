import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

/// Damage to the files: a torn end is cut off, anything else refuses to open and names segment and offset.
@Suite struct CorruptionTests {
    /// A folder with `count` records in segment 1, closed.
    func folderWithRecords(_ count: Int) async throws -> (TemporaryFolder, [Response]) {
        let folder = try TemporaryFolder()
        let (log, _) = try openLog(folder)
        let responses = try await recordResponses(log, count: count)
        await log.close()
        return (folder, responses)
    }

    func expectCorrupt(_ folder: TemporaryFolder, segment: UInt32 = 1, offset: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let openError = #expect(throws: LogError.self, sourceLocation: sourceLocation) { try EventLog.open(folder: folder.url, logger: testLogger) }
        #expect(openError?.code == .corrupt, sourceLocation: sourceLocation)
        #expect(openError?.segment == SegmentName.fileName(segment), sourceLocation: sourceLocation)
        #expect(openError?.offset == offset, sourceLocation: sourceLocation)
        let verifyError = #expect(throws: LogError.self, sourceLocation: sourceLocation) { try LogVerifier.verify(folder: folder.url) }
        #expect(verifyError == openError, sourceLocation: sourceLocation)
    }

    @Test func tornLastRecordIsCutOff() async throws {
        let (folder, responses) = try await folderWithRecords(5)
        defer { folder.remove() }
        let bytes = try segmentBytes(folder)
        let last = recordOffsets(bytes).last!
        let cut = last + (bytes.count - last) / 2
        try writeSegment(folder, bytes: Array(bytes[0..<cut]))
        #expect(try LogVerifier.verify(folder: folder.url).tornBytes == cut - last)
        let (log, entries) = try openLog(folder)
        #expect(entries.map(\.event.responseID) == responses.dropLast().map(\.id))
        #expect(log.opened.truncatedBytes == cut - last)
        #expect(try segmentBytes(folder).count == last)
        try await recordResponses(log, count: 1)
        #expect(try LogVerifier.verify(folder: folder.url).records == 5)
    }

    @Test func unfinishedBatchAtTheEndIsCutOffWhole() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let single = makeResponse(citizen: "single")
        _ = try await log.append([.responseRecorded(single, definitionVersion: "1")], author: testAuthor)
        _ = try await log.append((0..<4).map { .responseRecorded(makeResponse(citizen: "b-\($0)"), definitionVersion: "1") }, author: testAuthor)
        await log.close()
        let bytes = try segmentBytes(folder)
        let offsets = recordOffsets(bytes)
        try writeSegment(folder, bytes: Array(bytes[0..<offsets[4] + 10]))
        let (_, entries) = try openLog(folder)
        #expect(entries.map(\.event.responseID) == [single.id])
        #expect(try segmentBytes(folder).count == offsets[1])
    }

    @Test func flippedByteInTheMiddleIsFound() async throws {
        let (folder, _) = try await folderWithRecords(6)
        defer { folder.remove() }
        var bytes = try segmentBytes(folder)
        let offsets = recordOffsets(bytes)
        bytes[offsets[2] + 40] ^= 0x10
        try writeSegment(folder, bytes: bytes)
        expectCorrupt(folder, offset: offsets[2])
    }

    @Test func removedRecordIsFound() async throws {
        let (folder, _) = try await folderWithRecords(6)
        defer { folder.remove() }
        let bytes = try segmentBytes(folder)
        let offsets = recordOffsets(bytes)
        try writeSegment(folder, bytes: Array(bytes[0..<offsets[2]] + bytes[offsets[3]...]))
        expectCorrupt(folder, offset: offsets[2])
    }

    @Test func swappedRecordsAreFound() async throws {
        let (folder, _) = try await folderWithRecords(6)
        defer { folder.remove() }
        let bytes = try segmentBytes(folder)
        let offsets = recordOffsets(bytes)
        let swapped = Array(bytes[0..<offsets[2]] + bytes[offsets[3]..<offsets[4]] + bytes[offsets[2]..<offsets[3]] + bytes[offsets[4]...])
        try writeSegment(folder, bytes: swapped)
        expectCorrupt(folder, offset: offsets[2])
    }

    @Test func randomBytesAreNotASegment() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var generator = SeededGenerator(seed: 3)
        try writeSegment(folder, bytes: (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        expectCorrupt(folder, offset: 0)
    }

    @Test func emptySegmentInTheMiddleIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder, segmentSize: 400)
        try await recordResponses(log, count: 12)
        await log.close()
        let segments = try SegmentName.list(in: folder.url)
        #expect(segments.count >= 3)
        try writeSegment(folder, 2, bytes: [])
        expectCorrupt(folder, segment: 2, offset: 0)
    }

    @Test func zeroLengthAndHugeLengthRecordsAreRefused() async throws {
        for length: UInt32 in [0, 0xFFFF_FFF0] {
            let (folder, _) = try await folderWithRecords(4)
            defer { folder.remove() }
            var bytes = try segmentBytes(folder)
            let offsets = recordOffsets(bytes)
            withUnsafeBytes(of: length.littleEndian) { for (index, byte) in $0.enumerated() { bytes[offsets[1] + index] = byte } }
            try writeSegment(folder, bytes: bytes)
            expectCorrupt(folder, offset: offsets[1])
        }
    }

    @Test func missingSegmentIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder, segmentSize: 400)
        try await recordResponses(log, count: 12)
        await log.close()
        try FileManager.default.removeItem(at: folder.path(SegmentName.fileName(2)))
        expectCorrupt(folder, segment: 2, offset: 0)
    }
}
