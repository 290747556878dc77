import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

@Suite struct RecordBatchTests {
    @Test func classifyFindsNewStoredAndConflictingResponses() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let stored = makeResponse(citizen: "c-stored")
        let other = makeResponse(citizen: "c-other")
        _ = try await log.append(
            [.responseRecorded(stored, definitionVersion: "1"), .responseRecorded(other, definitionVersion: "1")],
            author: testAuthor)
        let fresh = makeResponse(citizen: "c-fresh")
        var first = RecordBatch(author: testAuthor)
        try first.append(fresh, definitionVersion: "1")
        try first.append(stored, definitionVersion: "2")  // the definition version is not compared
        try first.append(
            makeResponse(id: other.id, citizen: "c-other", answers: [0, 0, 0, 0, 0]), definitionVersion: "1")
        var second = RecordBatch(author: testAuthor)
        try second.append(fresh, definitionVersion: "1")
        try second.append(
            makeResponse(id: fresh.id, citizen: "c-fresh", answers: [1, 1, 1, 1, 1]), definitionVersion: "1")
        let classified = try await log.classify([first, second])
        #expect(classified[0].statuses == [.new, .alreadyStored, .conflictsWithStored])
        #expect(classified[1].statuses == [.alreadyStored, .conflictsWithEarlier])
        #expect(classified.map(\.newCount) == [1, 0])
        #expect(try await log.record(classified) == 1)
        #expect(await log.statistics.records == 3)
        #expect(try await log.response(id: fresh.id)?.response == fresh)
    }

    @Test func recordWritesInOrderAcrossSegmentsAndReplays() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder, segmentSize: 4096)
        let earlier = try await recordResponses(log, count: 3)
        var batches: [RecordBatch] = []
        var responses: [Response] = []
        for part in 0..<3 {
            var batch = RecordBatch(author: testAuthor)
            for index in 0..<100 {
                let response = makeResponse(citizen: "b-\(part)-\(index)")
                try batch.append(response, definitionVersion: "1")
                responses.append(response)
            }
            batches.append(batch)
        }
        #expect(try await log.record(batches) == 300)
        // Appends go on after a record call, on the same chain.
        let later = try await recordResponses(log, count: 2)
        await log.close()
        #expect(try SegmentName.list(in: folder.url).count > 5)
        let (reopened, entries) = try openLog(folder, segmentSize: 4096)
        #expect(entries.map(\.event.responseID) == (earlier + responses + later).map(\.id))
        #expect(entries.map(\.sequence) == Array(0..<305))
        #expect(try LogVerifier.verify(folder: folder.url).headHash == reopened.opened.headHash)
        #expect(try await reopened.record(batches) == 0)
    }
}
