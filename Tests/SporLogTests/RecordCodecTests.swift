import Foundation
import SporInstruments
import Testing

@testable import SporLog

@Suite struct RecordCodecTests {
    @Test(arguments: [
        LogEvent.responseRecorded(makeResponse(), definitionVersion: "1"),
        .responseRecorded(makeResponse(answers: [nil, 0, 5, nil, 2]), definitionVersion: "2.1.0"),
        .responseCorrected(makeResponse(answers: [1, 1, 1, 1, 1]), definitionVersion: "1", reason: "tastefejl – rettet"),
        .responseRetracted(id: UUID(), reason: "forkert borger"),
    ])
    func roundTrip(event: LogEvent) throws {
        let entry = LogEntry(sequence: 42, recordedAtMillis: 1_700_000_000_123, event: event)
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
        let entry = LogEntry(sequence: 0, recordedAtMillis: 0, event: .responseRecorded(response, definitionVersion: "1"))
        let body = RecordCodec.encodeBody(entry, previousHash: RecordCodec.zeroHash, continuesBatch: false)
        #expect(try RecordCodec.decode(body, body: 0..<body.count).0 == entry)
    }

    @Test func frameCarriesLengthAndChecksum() {
        let body = RecordCodec.encodeBody(
            LogEntry(sequence: 0, recordedAtMillis: 0, event: .responseRetracted(id: UUID(), reason: "x")),
            previousHash: RecordCodec.zeroHash, continuesBatch: false)
        let frame = RecordCodec.frame(body)
        #expect(frame.count == body.count + 8)
        var reader = ByteReader(frame, from: 0, to: 8)
        #expect(reader.integer(UInt32.self) == UInt32(body.count))
        #expect(reader.integer(UInt32.self) == body.withUnsafeBytes { RecordCodec.checksum(length: UInt32(body.count), body: $0) })
    }

    @Test func truncatedOrTrailingBodiesAreRefused() {
        let body = RecordCodec.encodeBody(
            LogEntry(sequence: 0, recordedAtMillis: 0, event: .responseRecorded(makeResponse(), definitionVersion: "1")),
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
}
