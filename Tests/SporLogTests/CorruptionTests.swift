import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

/// Damage to the files: a torn end past the checkpoint is cut off, anything else refuses to open and names segment
/// and offset.
@Suite struct CorruptionTests {
    /// A folder with `count` records in segment 1, closed.
    func folderWithRecords(_ count: Int) async throws -> (TemporaryFolder, [Response]) {
        let folder = try TemporaryFolder()
        let (log, _) = try openLog(folder)
        let responses = try await recordResponses(log, count: count)
        await log.close()
        return (folder, responses)
    }

    /// A folder with `count` records in segment 1 whose checkpoint covers only the first `covered`, as after a
    /// crash that came before the next checkpoint.
    func folderWithRecords(_ count: Int, covered: Int) async throws -> (TemporaryFolder, [Response]) {
        let (folder, first) = try await folderWithRecords(covered)
        let checkpoint = try Data(contentsOf: folder.path(LogCheckpoint.defaultFileName))
        let (log, _) = try openLog(folder)
        let rest = try await recordResponses(log, count: count - covered)
        await log.close()
        try checkpoint.write(to: folder.path(LogCheckpoint.defaultFileName))
        return (folder, first + rest)
    }

    func expectCorrupt(
        _ folder: TemporaryFolder, segment: UInt32 = 1, offset: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let openError = #expect(throws: LogError.self, sourceLocation: sourceLocation) {
            try EventLog.open(folder: folder.url, logger: testLogger)
        }
        #expect(openError?.code == .corrupt, sourceLocation: sourceLocation)
        #expect(openError?.segment == SegmentName.fileName(segment), sourceLocation: sourceLocation)
        #expect(openError?.offset == offset, sourceLocation: sourceLocation)
        let verifyError = #expect(throws: LogError.self, sourceLocation: sourceLocation) {
            try LogVerifier.verify(folder: folder.url)
        }
        #expect(verifyError == openError, sourceLocation: sourceLocation)
    }

    @Test func tornLastRecordIsCutOff() async throws {
        let (folder, responses) = try await folderWithRecords(5, covered: 4)
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
        await log.close()
        let checkpoint = try Data(contentsOf: folder.path(LogCheckpoint.defaultFileName))
        let (reopened, _) = try openLog(folder)
        _ = try await reopened.append(
            (0..<4).map { .responseRecorded(makeResponse(citizen: "b-\($0)"), definitionVersion: "1") },
            author: testAuthor)
        await reopened.close()
        try checkpoint.write(to: folder.path(LogCheckpoint.defaultFileName))
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
        let swapped = Array(
            bytes[0..<offsets[2]] + bytes[offsets[3]..<offsets[4]] + bytes[offsets[2]..<offsets[3]]
                + bytes[offsets[4]...])
        try writeSegment(folder, bytes: swapped)
        expectCorrupt(folder, offset: offsets[2])
    }

    @Test func randomBytesAreNotASegment() async throws {
        let (folder, _) = try await folderWithRecords(0)
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
            withUnsafeBytes(of: length.littleEndian) {
                for (index, byte) in $0.enumerated() { bytes[offsets[1] + index] = byte }
            }
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

    /// A segment past the first groups that does not start with the header is refused at its offset 0, though the
    /// scan's buffers still hold the records of an earlier segment when it reaches it.
    @Test func aSegmentWithoutItsHeaderAfterSeveralGroupsIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder, segmentSize: 400)
        try await recordResponses(log, count: 20)
        await log.close()
        let segments = try SegmentName.list(in: folder.url)
        try #require(segments.count >= 7)
        var bytes = try segmentBytes(folder, segments[4])
        bytes.replaceSubrange(0..<SegmentName.magic.count, with: Array("NOTSPOR!".utf8))
        try writeSegment(folder, segments[4], bytes: bytes)
        expectCorrupt(folder, segment: segments[4], offset: 0)
    }

    /// Opening checks the links from the checkpoint's head on, in every segment: here in a segment the scan reaches
    /// after several groups of segments, so with buffers already filled by earlier segments. The record keeps a
    /// valid frame; only the hash it carries of the record before it is wrong.
    @Test func aBrokenLinkPastTheCheckpointInALaterSegmentIsFound() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder, segmentSize: 400)
        try await recordResponses(log, count: 4)
        await log.close()
        let checkpoint = try Data(contentsOf: folder.path(LogCheckpoint.defaultFileName))
        let (reopened, _) = try openLog(folder, segmentSize: 400)
        try await recordResponses(reopened, count: 16)
        await reopened.close()
        let (intact, entries) = try openLog(folder, segmentSize: 400)
        #expect(entries.count == 20)
        await intact.close()
        // The checkpoint of the first four records, as after a crash before the next one was written.
        try checkpoint.write(to: folder.path(LogCheckpoint.defaultFileName))

        let segments = try SegmentName.list(in: folder.url)
        try #require(segments.count >= 7)
        let segment = segments[5]
        var bytes = try segmentBytes(folder, segment)
        let offset = try #require(recordOffsets(bytes).first)
        let bodyLength = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) })
        let bodyStart = offset + RecordCodec.frameHeaderSize
        var body = Array(bytes[bodyStart..<(bodyStart + bodyLength)])
        let sequence = try #require(RecordCodec.header(body)?.sequence)
        #expect(sequence > 4, "the record lies past the checkpoint's head")
        body[20] ^= 0x01
        bytes.replaceSubrange(
            offset..<(offset + RecordCodec.frameHeaderSize + bodyLength), with: RecordCodec.frame(body))
        try writeSegment(folder, segment, bytes: bytes)
        expectCorrupt(folder, segment: segment, offset: offset)
        let error = #expect(throws: LogError.self) { try openLog(folder, segmentSize: 400) }
        #expect(error?.message.contains("chain is broken") == true)
    }
}

/// Torn ends and checkpoints: what a crash leaves is cut, what a checkpoint covers never is.
@Suite struct TornEndTests {
    @Test func tornEndACheckpointCoversIsRefusedNotCut() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        try await recordResponses(log, count: 5)
        await log.close()
        let bytes = try segmentBytes(folder)
        let last = recordOffsets(bytes).last!
        try writeSegment(folder, bytes: Array(bytes[0..<last + 20]))
        let error = #expect(throws: LogError.self) { try openLog(folder) }
        #expect(error?.code == .corrupt)
        #expect(error?.segment == SegmentName.fileName(1))
        #expect(try segmentBytes(folder).count == last + 20)
        #expect(throws: LogError.self) { try LogVerifier.verify(folder: folder.url) }
    }

    @Test func damageWithAValidRecordAfterItIsNotATornEnd() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        try await recordResponses(log, count: 6)
        await log.close()
        // No checkpoint to hold the log to: only the records after the damage show it is not a torn write.
        try FileManager.default.removeItem(at: folder.path(LogCheckpoint.defaultFileName))
        var bytes = try segmentBytes(folder)
        let offsets = recordOffsets(bytes)
        withUnsafeBytes(of: UInt32(0x000F_0000).littleEndian) {
            for (index, byte) in $0.enumerated() { bytes[offsets[3] + index] = byte }
        }
        try writeSegment(folder, bytes: bytes)
        let error = #expect(throws: LogError.self) { try openLog(folder) }
        #expect(error?.offset == offsets[3])
        #expect(try segmentBytes(folder) == bytes)
    }

    @Test func emptySegmentLeftAtRolloverIsRemoved() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder, segmentSize: 400)
        try await recordResponses(log, count: 7)
        await log.close()
        let segments = try SegmentName.list(in: folder.url)
        // A crash between creating the next segment and writing its header.
        try writeSegment(folder, segments.last! + 1, bytes: [])
        let (reopened, entries) = try openLog(folder, segmentSize: 400)
        #expect(entries.count == 7)
        try await recordResponses(reopened, count: 7)
        await reopened.close()
        #expect(try LogVerifier.verify(folder: folder.url).records == 14)
        #expect(try SegmentName.list(in: folder.url).count > segments.count)
    }
}
