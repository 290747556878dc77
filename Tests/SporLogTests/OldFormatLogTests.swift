import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

/// A log written before authors were recorded (format version 1, `Fixtures/logs/v1`, made with the code of that
/// time): it opens, verifies, dumps its events with the author `unknown`, and takes new authored records.
@Suite struct OldFormatLogTests {
    /// A copy of the fixture log in a temporary folder (opening takes a lock and may write).
    static func copyOfFixture() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let fixture = Repository.fixture("logs/v1")
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.path)
        where name.hasSuffix(".log") || name == "pseudonym.key" {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: folder.path(name))
        }
        return folder
    }

    /// The lines the code of that time dumped, before authors were recorded.
    static func dumpBeforeAuthors() throws -> [String] {
        try String(contentsOf: Repository.fixture("logs/v1/dump-v1.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    @Test func itVerifiesAndDumpsEveryEventWithAnUnknownAuthor() throws {
        let folder = try Self.copyOfFixture()
        defer { folder.remove() }
        var lines: [String] = []
        let report = try LogVerifier.verify(folder: folder.url) { entry, hash in
            #expect(entry.author == .unknown)
            lines.append(entry.jsonLine(hash: hash))
        }
        #expect(report.records == 7)
        #expect(report.tornBytes == 0)
        // The same lines as before, each with the author added after `recordedAtMillis`.
        let before = try Self.dumpBeforeAuthors()
        #expect(lines.count == before.count)
        for (line, old) in zip(lines, before) {
            #expect(line.replacingOccurrences(of: #","author":{"kind":"unknown"}"#, with: "") == old)
            #expect(line.contains(#","author":{"kind":"unknown"},"id":""#))
        }
    }

    @Test func itOpensAndTakesNewAuthoredRecordsBesideTheOldOnes() async throws {
        let folder = try Self.copyOfFixture()
        defer { folder.remove() }
        let ole = Author.cli(user: AuthorName(rawValue: "ole")!)
        let anna = Author.token(name: AuthorName(rawValue: "anna")!, role: AuthorName(rawValue: "staff")!)
        let oldID = UUID(uuidString: "11111111-1111-4111-8111-111111111111")!

        let (log, replayed) = try openLog(folder)
        #expect(replayed.count == 7 && replayed.allSatisfy { $0.author == .unknown })
        #expect(log.opened.truncatedBytes == 0)
        let stored = try #require(try await log.response(id: oldID))
        #expect(stored.response.answers == [3, 4, 2, 3, 2])
        var corrected = stored.response
        corrected.answers = [3, 4, 2, 3, 3]
        let new = makeResponse(citizen: "c-fixture-1")
        _ = try await log.append([.responseRecorded(new, definitionVersion: "1")], author: ole)
        _ = try await log.append([.responseCorrected(corrected, definitionVersion: "1", reason: "igen")], author: anna)
        var batch = RecordBatch(author: .import(user: AuthorName(rawValue: "ole")!, fileSHA256: AuthorTests.digest))
        try batch.append(makeResponse(citizen: "c-fixture-4"), definitionVersion: "1")
        #expect(try await log.record([batch]) == 1)
        await log.close()

        let (reopened, entries) = try openLog(folder)
        await reopened.close()
        #expect(entries.count == 10)
        #expect(entries.prefix(7).allSatisfy { $0.author == .unknown })
        #expect(entries.suffix(3).map(\.author) == [ole, anna, batch.author])
        #expect(entries[8].event == .responseCorrected(corrected, definitionVersion: "1", reason: "igen"))

        var lines: [String] = []
        #expect(
            try LogVerifier.verify(folder: folder.url) { entry, hash in lines.append(entry.jsonLine(hash: hash)) }
                .records == 10)
        #expect(lines.prefix(7).allSatisfy { $0.contains(#""author":{"kind":"unknown"}"#) })
        #expect(lines[7].contains(#""author":{"kind":"cli","user":"ole"}"#))
        #expect(lines[8].contains(#""author":{"kind":"token","name":"anna","role":"staff"}"#))
        #expect(lines[9].contains(#""author":{"kind":"import","sha256":"\#(AuthorTests.digest.hex)","user":"ole"}"#))
        var tail: [LogEntry] = []
        #expect(try LogReplay.replay(folder: folder.url) { tail.append($0) }?.records == 10)
        #expect(tail == entries)
    }
}
