import Foundation
import Logging
import SporInstruments
import SporTesting

@testable import SporLog

/// A WHO-5 response with the given answers.
func makeResponse(
    id: UUID = UUID(), citizen: String = "c-1", answers: [Int?] = [3, 4, 2, 3, 1], day: Int = 20_000
) -> Response {
    Response(
        id: id, citizen: CitizenID(rawValue: citizen)!, instrument: .who5,
        administeredAt: CalendarDate(daysSinceEpoch: day), answers: answers,
        unit: Label(rawValue: "bostotte-nord"), intervention: Label(rawValue: "SEL85"), mode: .withStaff)
}

/// The author of the tests' writes.
let testAuthor = Author.cli(user: AuthorName(rawValue: "spor-test")!)

let testLogger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Opens a log, collecting the replayed entries.
func openLog(_ folder: TemporaryFolder, segmentSize: Int = 64 << 20) throws -> (EventLog, [LogEntry]) {
    var entries: [LogEntry] = []
    let log = try EventLog.open(
        folder: folder.url, configuration: EventLog.Configuration(segmentSize: segmentSize), logger: testLogger
    ) { entries.append($0) }
    return (log, entries)
}

/// Records `count` responses one append at a time and returns them.
@discardableResult
func recordResponses(_ log: EventLog, count: Int) async throws -> [Response] {
    var responses: [Response] = []
    for index in 0..<count {
        let response = makeResponse(citizen: "c-\(index)")
        _ = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: testAuthor)
        responses.append(response)
    }
    return responses
}

/// The bytes of a segment file.
func segmentBytes(_ folder: TemporaryFolder, _ number: UInt32 = 1) throws -> [UInt8] {
    Array(try Data(contentsOf: folder.path(SegmentName.fileName(number))))
}

func writeSegment(_ folder: TemporaryFolder, _ number: UInt32 = 1, bytes: [UInt8]) throws {
    try Data(bytes).write(to: folder.path(SegmentName.fileName(number)))
}

/// The byte offsets of the records in a segment.
func recordOffsets(_ bytes: [UInt8]) -> [Int] {
    var offsets: [Int] = []
    var position = SegmentName.magic.count
    while position + 8 <= bytes.count {
        offsets.append(position)
        let length =
            Int(bytes[position]) | Int(bytes[position + 1]) << 8 | Int(bytes[position + 2]) << 16 | Int(
                bytes[position + 3]) << 24
        position += 8 + length
    }
    return offsets
}
