import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

@Suite struct EventLogTests {
    @Test func appendsAndReplaysAfterReopening() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var (log, entries) = try openLog(folder)
        #expect(entries.isEmpty)
        let responses = try await recordResponses(log, count: 5)
        let correction = makeResponse(id: responses[1].id, citizen: "c-1", answers: [0, 0, 0, 0, 0])
        _ = try await log.append(
            [.responseCorrected(correction, definitionVersion: "1", reason: "typo")], author: testAuthor)
        _ = try await log.append([.responseRetracted(id: responses[2].id, reason: "wrong citizen")], author: testAuthor)
        await log.close()
        log = try EventLog.open(folder: folder.url, logger: testLogger) { entries.append($0) }
        #expect(entries.map(\.sequence) == Array(0..<7))
        #expect(entries.prefix(5).map(\.event) == responses.map { .responseRecorded($0, definitionVersion: "1") })
        #expect(entries[5].event == .responseCorrected(correction, definitionVersion: "1", reason: "typo"))
        #expect(log.opened.records == 7)
        #expect(log.opened.truncatedBytes == 0)
        #expect(try await log.response(id: responses[1].id)?.response == correction)
        #expect(try await log.response(id: responses[1].id)?.recordedSequence == 1)
        #expect(try await log.response(id: responses[2].id)?.isRetracted == true)
        #expect(
            try await log.response(id: responses[0].id)
                == StoredResponse(
                    response: responses[0], definitionVersion: "1", isRetracted: false, recordedSequence: 0))
        #expect(try LogVerifier.verify(folder: folder.url).headHash == log.opened.headHash)
    }

    @Test func onlyTheOwnerCanReadTheFolderAndItsSegments() async throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let folder = parent.url.appendingPathComponent("data")
        let log = try EventLog.open(folder: folder, configuration: .init(segmentSize: 4096), logger: testLogger)
        for _ in 0..<40 {
            _ = try await log.append(
                [.responseRecorded(makeResponse(id: UUID()), definitionVersion: "1")], author: testAuthor)
        }
        await log.close()
        func mode(_ url: URL) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(folder) == 0o700)
        let segments = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("segment-") }
        #expect(segments.count > 1)
        for segment in segments { #expect(try mode(segment) == 0o600) }
    }

    @Test func sameIdAndContentIsStoredOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let response = makeResponse()
        let first = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: testAuthor)
        guard case .appended = first[0] else {
            Issue.record("expected appended")
            return
        }
        let again = try await log.append(
            [.responseRecorded(response, definitionVersion: "1"), .responseRecorded(response, definitionVersion: "1")],
            author: testAuthor)
        #expect(again == [.alreadyStored(response), .alreadyStored(response)])
        #expect(await log.statistics.records == 1)
        let inOneBatch = makeResponse(citizen: "c-2")
        let results = try await log.append(
            [
                .responseRecorded(inOneBatch, definitionVersion: "1"),
                .responseRecorded(inOneBatch, definitionVersion: "1"),
            ], author: testAuthor)
        #expect(results.last == .alreadyStored(inOneBatch))
        #expect(await log.statistics.records == 2)
    }

    @Test func sameIdWithOtherContentIsAConflictAndWritesNothing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let response = makeResponse()
        _ = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: testAuthor)
        let other = makeResponse(id: response.id, answers: [5, 5, 5, 5, 5])
        let fresh = makeResponse(citizen: "c-9")
        let error = await #expect(throws: LogError.self) {
            try await log.append(
                [.responseRecorded(fresh, definitionVersion: "1"), .responseRecorded(other, definitionVersion: "1")],
                author: testAuthor)
        }
        #expect(error?.code == .conflict)
        #expect(error?.responseID == response.id)
        #expect(await log.statistics.records == 1)
        #expect(try await log.response(id: fresh.id) == nil)
    }

    @Test func correctionsAndRetractionsNeedALiveResponse() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let unknown = makeResponse()
        var error = await #expect(throws: LogError.self) {
            try await log.append([.responseCorrected(unknown, definitionVersion: "1", reason: "x")], author: testAuthor)
        }
        #expect(error?.code == .unknownResponse)
        error = await #expect(throws: LogError.self) {
            try await log.append([.responseRetracted(id: unknown.id, reason: "x")], author: testAuthor)
        }
        #expect(error?.code == .unknownResponse)

        let response = makeResponse()
        _ = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: testAuthor)
        error = await #expect(throws: LogError.self) {
            try await log.append(
                [
                    .responseCorrected(
                        makeResponse(id: response.id, citizen: "c-other"), definitionVersion: "1", reason: "x")
                ], author: testAuthor)
        }
        #expect(error?.code == .invalidEvent)
        error = await #expect(throws: LogError.self) {
            try await log.append([.responseRetracted(id: response.id, reason: "  ")], author: testAuthor)
        }
        #expect(error?.code == .invalidEvent)
        _ = try await log.append([.responseRetracted(id: response.id, reason: "entered in error")], author: testAuthor)
        error = await #expect(throws: LogError.self) {
            try await log.append(
                [.responseCorrected(response, definitionVersion: "1", reason: "x")], author: testAuthor)
        }
        #expect(error?.code == .retracted)
        error = await #expect(throws: LogError.self) {
            try await log.append([.responseRetracted(id: response.id, reason: "again")], author: testAuthor)
        }
        #expect(error?.code == .retracted)
        #expect(await log.statistics.records == 2)
    }

    @Test func concurrentAppendsShareFsyncs() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let count = 200
        let acknowledged = try await withThrowingTaskGroup(of: UUID.self) { group in
            for index in 0..<count {
                group.addTask {
                    let response = makeResponse(citizen: "c-\(index)")
                    _ = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: testAuthor)
                    return response.id
                }
            }
            return try await group.reduce(into: Set<UUID>()) { $0.insert($1) }
        }
        #expect(acknowledged.count == count)
        let statistics = await log.statistics
        #expect(statistics.records == UInt64(count))
        #expect(statistics.flushes >= 1)
        #expect(statistics.flushes < count / 2, "appends waiting on one fsync must go out together")
        await log.close()
        var replayed = Set<UUID>()
        _ = try EventLog.open(folder: folder.url, logger: testLogger) { replayed.insert($0.event.responseID) }
        #expect(replayed == acknowledged)
    }

    @Test func aDuplicateOfARecordInFlightIsAnsweredOnlyOnceThatRecordIsDurable() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        for round in 0..<20 {
            let response = makeResponse(citizen: "c-\(round)")
            let flushesBefore = await log.statistics.flushes
            // Each task notes how many flushes had completed when its append returned.
            let outcomes = try await withThrowingTaskGroup(of: (Bool, Int).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let result = try await log.append(
                            [.responseRecorded(response, definitionVersion: "1")], author: testAuthor)
                        let isDuplicate = if case .alreadyStored = result[0] { true } else { false }
                        return (isDuplicate, await log.statistics.flushes)
                    }
                }
                return try await group.reduce(into: [(Bool, Int)]()) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0.0 }.count == 1)
            for (isDuplicate, flushes) in outcomes where isDuplicate {
                #expect(flushes > flushesBefore, "a duplicate must not be answered before the first append is durable")
            }
        }
    }

    @Test func rollsOverSegmentsAndReplaysAcrossThem() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder, segmentSize: 1024)
        let responses = try await recordResponses(log, count: 60)
        var batch: [LogEvent] = []
        for index in 0..<40 {
            batch.append(.responseRecorded(makeResponse(citizen: "b-\(index)"), definitionVersion: "1"))
        }
        _ = try await log.append(batch, author: testAuthor)
        await log.close()
        #expect(try SegmentName.list(in: folder.url).count > 5)
        let (reopened, entries) = try openLog(folder, segmentSize: 1024)
        #expect(entries.count == 100)
        #expect(entries.prefix(60).map(\.event.responseID) == responses.map(\.id))
        #expect(try LogVerifier.verify(folder: folder.url).records == 100)
        _ = try await recordResponses(reopened, count: 3)
        #expect(try LogVerifier.verify(folder: folder.url).records == 103)
    }

    @Test func secondOpenOfAFolderIsRefusedWithThePid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let error = #expect(throws: LogError.self) { try EventLog.open(folder: folder.url, logger: testLogger) }
        #expect(error?.code == .locked)
        #expect(error?.pid == getpid())
        #expect(error?.description.contains("\(getpid())") == true)
        _ = log
    }

    @Test func replayErrorsStopTheOpen() async throws {
        struct Stop: Error {}
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let (log, _) = try openLog(folder)
            try await recordResponses(log, count: 2)
        }
        #expect(throws: Stop.self) { try EventLog.open(folder: folder.url, logger: testLogger) { _ in throw Stop() } }
    }
}
