import Foundation
import SporInstruments
import Testing

@testable import SporLog

@Suite struct RecordCodecTests {
    @Test(arguments: [
        LogEvent.responseRecorded(makeResponse(), definitionVersion: "1"),
        .responseRecorded(makeResponse(answers: [nil, 0, 5, nil, 2]), definitionVersion: "2.1.0"),
        .responseCorrected(
            makeResponse(answers: [1, 1, 1, 1, 1]), definitionVersion: "1", reason: "tastefejl – rettet"),
        .responseRetracted(id: UUID(), reason: "forkert borger"),
    ])
    func roundTrip(event: LogEvent) throws {
        let entry = LogEntry(sequence: 42, recordedAtMillis: 1_700_000_000_123, event: event, author: testAuthor)
        let previous = [UInt8](repeating: 7, count: 32)
        let body = RecordCodec.encodeBody(entry, previousHash: previous, continuesBatch: true)
        let decoded = try RecordCodec.decode(body, body: 0..<body.count)
        #expect(decoded.0 == entry)
        #expect(Array(decoded.1.previousHash) == previous)
        #expect(decoded.1.continuesBatch)
    }

    @Test func optionalFieldsStayAbsent() throws {
        var response = makeResponse()
        response.unit = nil
        response.intervention = nil
        response.mode = nil
        let entry = LogEntry(
            sequence: 0, recordedAtMillis: 0, event: .responseRecorded(response, definitionVersion: "1"),
            author: testAuthor)
        let body = RecordCodec.encodeBody(entry, previousHash: RecordCodec.zeroHash, continuesBatch: false)
        #expect(try RecordCodec.decode(body, body: 0..<body.count).0 == entry)
    }

    @Test func frameCarriesLengthAndChecksum() {
        let body = RecordCodec.encodeBody(
            LogEntry(
                sequence: 0, recordedAtMillis: 0, event: .responseRetracted(id: UUID(), reason: "x"), author: testAuthor
            ),
            previousHash: RecordCodec.zeroHash, continuesBatch: false)
        let frame = RecordCodec.frame(body)
        #expect(frame.count == body.count + 8)
        var reader = ByteReader(frame, from: 0, to: 8)
        #expect(reader.integer(UInt32.self) == UInt32(body.count))
        #expect(
            reader.integer(UInt32.self)
                == body.withUnsafeBytes { RecordCodec.checksum(length: UInt32(body.count), body: $0) })
    }

    @Test func truncatedOrTrailingBodiesAreRefused() {
        let body = RecordCodec.encodeBody(
            LogEntry(
                sequence: 0, recordedAtMillis: 0, event: .responseRecorded(makeResponse(), definitionVersion: "1"),
                author: testAuthor),
            previousHash: RecordCodec.zeroHash, continuesBatch: false)
        for cut in [10, 60, body.count - 1] {
            #expect(throws: RecordCodec.DecodeFailure.self) { try RecordCodec.decode(body, body: 0..<cut) }
        }
        let longer = body + [0]
        #expect(throws: RecordCodec.DecodeFailure.self) { try RecordCodec.decode(longer, body: 0..<longer.count) }
        var badType = body
        badType[1] = 9
        #expect(throws: RecordCodec.DecodeFailure.self) { try RecordCodec.decode(badType, body: 0..<badType.count) }
    }

    static let authors: [Author] = [
        .token(name: AuthorName(rawValue: "anna")!, role: AuthorName(rawValue: "staff")!),
        .cli(user: AuthorName(rawValue: "ole")!),
        .import(user: AuthorName(rawValue: "søren")!, fileSHA256: FileDigest(bytes: repeatElement(0xAB, count: 32))!),
    ]

    /// Every kind of author with every kind of event: `decode` and the header-only `summary` agree on the body,
    /// and a body cut inside the author is refused by both.
    @Test(arguments: authors)
    func authorsRoundTripAndCutAuthorsAreRefused(author: Author) throws {
        let events: [LogEvent] = [
            .responseRecorded(makeResponse(), definitionVersion: "1"),
            .responseCorrected(makeResponse(), definitionVersion: "1", reason: "tastefejl"),
            .responseRetracted(id: UUID(), reason: "forkert borger"),
        ]
        for event in events {
            let entry = LogEntry(sequence: 3, recordedAtMillis: 5, event: event, author: author)
            let body = RecordCodec.encodeBody(entry, previousHash: RecordCodec.zeroHash, continuesBatch: false)
            #expect(body[0] == 2)
            #expect(try RecordCodec.decode(body, body: 0..<body.count).0 == entry)
            let summary = try body.withUnsafeBytes { try RecordCodec.summary($0) }
            #expect(summary.id == event.responseID && summary.sequence == 3)
            for cut in [body.count - 1, body.count - author.storedBytes.count + 1] {
                let short = Array(body[0..<cut])
                #expect(throws: RecordCodec.DecodeFailure.self) { try RecordCodec.decode(short, body: 0..<short.count) }
                #expect(throws: RecordCodec.DecodeFailure.self) {
                    try short.withUnsafeBytes { try RecordCodec.summary($0) }
                }
            }
        }
    }

    /// A version 1 body (no author) still decodes, its author unknown; the same body marked version 2 does not.
    @Test func aVersionOneBodyHasNoAuthorAndReadsAsUnknown() throws {
        let event = LogEvent.responseCorrected(makeResponse(), definitionVersion: "1", reason: "tastefejl")
        let authored = RecordCodec.encodeBody(
            LogEntry(sequence: 0, recordedAtMillis: 0, event: event, author: testAuthor),
            previousHash: RecordCodec.zeroHash, continuesBatch: false)
        var old = Array(authored.dropLast(testAuthor.storedBytes.count))
        old[0] = 1
        #expect(try RecordCodec.decode(old, body: 0..<old.count).0.author == .unknown)
        #expect(try old.withUnsafeBytes { try RecordCodec.summary($0) }.type == 2)
        old[0] = 2
        #expect(throws: RecordCodec.DecodeFailure.self) { try RecordCodec.decode(old, body: 0..<old.count) }
        old[0] = 3
        #expect(throws: RecordCodec.DecodeFailure.self) { try old.withUnsafeBytes { try RecordCodec.summary($0) } }
    }
}
