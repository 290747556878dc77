import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

/// Every event names its author: the rules for author names, the author of each kind through `append` and
/// `record`, read back after reopening and written by `spor log dump`.
@Suite struct AuthorTests {
    static let digest = FileDigest(bytes: (0..<32).map { UInt8($0) })!

    @Test func authorNamesAreBoundedAndSafe() {
        for accepted in ["anna", "Ole Hansen", "søren.ø", "ole@kommune", String(repeating: "a", count: 64)] {
            #expect(AuthorName(rawValue: accepted) != nil, "\(accepted)")
        }
        let refused: [(String, FieldError.Rule)] = [
            ("", .required), (String(repeating: "a", count: 65), .range), (String(repeating: "æ", count: 33), .range),
            ("anna\n", .format), ("an\u{7F}na", .format), ("anna\u{202E}rtsinimda", .format), ("an\u{200B}na", .format),
            (" anna", .format), ("anna ", .format), ("anna\u{2028}", .format),
            ("0101901234", .cpr), ("anna 010190-1234", .cpr),
        ]
        for (text, rule) in refused {
            #expect(AuthorName(rawValue: text) == nil, "\(text.debugDescription)")
            let error = AuthorName.check(text, field: "name")
            #expect(error?.rule == rule, "\(text.debugDescription)")
            #expect(error?.field == "name")
            if !text.isEmpty { #expect(!(error?.message.contains(text) ?? true)) }
        }
    }

    @Test func eachKindOfAuthorIsStoredWithItsEventsAndReadBackAfterReopening() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let anna = Author.token(name: AuthorName(rawValue: "anna")!, role: AuthorName(rawValue: "staff")!)
        let ole = Author.cli(user: AuthorName(rawValue: "ole")!)
        let importer = Author.import(user: AuthorName(rawValue: "ole")!, fileSHA256: Self.digest)
        let (log, _) = try openLog(folder)
        let response = makeResponse()
        let recorded = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: anna)
        guard case .appended(let entry) = recorded[0] else {
            Issue.record("not appended")
            return
        }
        #expect(entry.author == anna)
        var corrected = response
        corrected.answers = [3, 4, 2, 3, 2]
        _ = try await log.append(
            [.responseCorrected(corrected, definitionVersion: "1", reason: "tastefejl")], author: ole)
        var batch = RecordBatch(author: importer)
        let imported = [makeResponse(citizen: "c-2"), makeResponse(citizen: "c-3")]
        for response in imported { try batch.append(response, definitionVersion: "1") }
        #expect(try await log.record([batch]) == 2)
        _ = try await log.append([.responseRetracted(id: imported[0].id, reason: "forkert borger")], author: ole)
        await log.close()

        let (reopened, entries) = try openLog(folder)
        await reopened.close()
        #expect(entries.map(\.author) == [anna, ole, importer, importer, ole])
        var dumped: [String] = []
        _ = try LogVerifier.verify(folder: folder.url) { entry, hash in dumped.append(entry.jsonLine(hash: hash)) }
        #expect(dumped.count == 5)
        #expect(dumped[0].contains(#","author":{"kind":"token","name":"anna","role":"staff"},"#))
        #expect(dumped[1].contains(#","author":{"kind":"cli","user":"ole"},"#))
        #expect(dumped[2].contains(#","author":{"kind":"import","sha256":"\#(Self.digest.hex)","user":"ole"},"#))
        #expect(!dumped.contains { $0.contains("\n") })
    }

    @Test func theJSONOfAnAuthorIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let authors: [Author] = [
            .token(name: AuthorName(rawValue: "Anna \"A\" <x>")!, role: AuthorName(rawValue: "staff")!),
            .cli(user: AuthorName(rawValue: "ole")!),
            .import(user: AuthorName(rawValue: "ø")!, fileSHA256: Self.digest),
            .unknown,
        ]
        for author in authors {
            #expect(author.json == String(decoding: try encoder.encode(author), as: UTF8.self))
            #expect(Author(storedBytes: author.storedBytes) == author)
        }
    }

    @Test func aNewEventWithoutAnAuthorIsRefusedAndNothingIsWritten() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        let error = await #expect(throws: LogError.self) {
            try await log.append([.responseRecorded(makeResponse(), definitionVersion: "1")], author: .unknown)
        }
        #expect(error?.code == .invalidEvent)
        var batch = RecordBatch(author: .unknown)
        try batch.append(makeResponse(), definitionVersion: "1")
        let refused = await #expect(throws: LogError.self) { try await log.record([batch]) }
        #expect(refused?.code == .invalidEvent)
        #expect(await log.statistics.records == 0)
        await log.close()
    }

    @Test func aFileDigestIsThirtyTwoBytesInOrder() {
        let hex = (0..<32).map { String(format: "%02x", $0) }.joined()
        #expect(Self.digest.hex == hex)
        #expect(FileDigest(bytes: (0..<32).lazy.map { UInt8($0) }) == Self.digest)  // not contiguous: byte by byte
        #expect(FileDigest(bytes: Array(0..<32).map { UInt8($0) }[0..<32]) == Self.digest)
        #expect(Self.digest.bytes == (0..<32).map { UInt8($0) })
        #expect(FileDigest(bytes: [UInt8](repeating: 0, count: 31)) == nil)
        #expect(FileDigest(bytes: (0..<33).lazy.map { UInt8($0) }) == nil)
    }

    /// A name stored under today's rules stays readable if the rules become stricter.
    @Test func storedNamesAreReadAsTheyStand() {
        let stored = Author.cli(user: AuthorName(stored: "legacy\u{202E}name"))
        #expect(Author(storedBytes: stored.storedBytes) == stored)
    }
}
