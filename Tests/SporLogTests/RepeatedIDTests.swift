import Crypto
import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

/// Opening a log finds a response id recorded twice, at the second recording, though the id index is filled a few
/// records behind the scan.
@Suite struct RepeatedIDTests {
    /// A folder whose segment holds `responses`, each recorded once in order, correctly chained (no checkpoint).
    func folder(recording responses: [Response]) async throws -> (TemporaryFolder, [Int]) {
        let folder = try TemporaryFolder()
        let (log, _) = try openLog(folder)  // makes the key
        await log.close()
        var bytes = SegmentName.magic
        var previous = RecordCodec.zeroHash
        for (sequence, response) in responses.enumerated() {
            let entry = LogEntry(
                sequence: UInt64(sequence), recordedAtMillis: 1_700_000_000_000,
                event: .responseRecorded(response, definitionVersion: "1"), author: testAuthor)
            let body = RecordCodec.encodeBody(entry, previousHash: previous, continuesBatch: false)
            bytes += RecordCodec.frame(body)
            previous = Array(SHA256.hash(data: body))
        }
        try writeSegment(folder, bytes: bytes)
        try FileManager.default.removeItem(at: folder.path(LogCheckpoint.defaultFileName))
        return (folder, recordOffsets(bytes))
    }

    @Test(arguments: [(3, 4), (3, 19), (0, 40)])
    func anIDRecordedTwiceIsFoundAtItsSecondRecording(first: Int, second: Int) async throws {
        var responses = (0..<45).map { makeResponse(citizen: "c-\($0)") }
        responses[second].id = responses[first].id
        // A later repeat, close behind: the first one is the break reported.
        responses[second + 2].id = responses[1].id
        let (folder, offsets) = try await folder(recording: responses)
        defer { folder.remove() }
        let error = #expect(throws: LogError.self) { try EventLog.open(folder: folder.url, logger: testLogger) }
        #expect(error?.code == .corrupt)
        #expect(error?.message == "a response id is recorded twice")
        #expect(error?.offset == offsets[second])
    }

    @Test func aLogWithoutRepeatsOpensWithEveryID() async throws {
        let responses = (0..<45).map { makeResponse(citizen: "c-\($0)") }
        let (folder, _) = try await folder(recording: responses)
        defer { folder.remove() }
        let log = try EventLog.open(folder: folder.url, logger: testLogger)
        for response in responses { #expect(try await log.response(id: response.id)?.response == response) }
        await log.close()
    }
}
