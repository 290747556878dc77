import Foundation
import SporInstruments
import SporLog
import SporReports

/// The author of the tests' entries unless one is given.
let testAuthor = Author.cli(user: AuthorName(rawValue: "spor-test")!)

/// Builds a log of entries by hand, with ids and sequences numbered from 0, and the dataset replayed from it.
struct LogBuilder {
    private(set) var entries: [LogEntry] = []
    private var responses = 0

    /// Records a response and returns its id.
    @discardableResult
    mutating func record(
        _ citizen: String, _ date: String, _ answers: [Int?], instrument: InstrumentID = .who5, unit: String? = nil,
        intervention: String? = nil, by author: Author = testAuthor
    ) -> UUID {
        let id = UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", responses))!
        responses += 1
        append(
            .responseRecorded(
                response(id, citizen, date, answers, instrument, unit, intervention), definitionVersion: "1"),
            by: author)
        return id
    }

    /// Records a new version of response `id`.
    mutating func correct(
        _ id: UUID, _ citizen: String, _ date: String, _ answers: [Int?], instrument: InstrumentID = .who5,
        unit: String? = nil, intervention: String? = nil, reason: String = "typo", by author: Author = testAuthor
    ) {
        append(
            .responseCorrected(
                response(id, citizen, date, answers, instrument, unit, intervention), definitionVersion: "1",
                reason: reason), by: author)
    }

    mutating func retract(_ id: UUID, reason: String = "entered in error", by author: Author = testAuthor) {
        append(.responseRetracted(id: id, reason: reason), by: author)
    }

    /// The dataset replayed from the entries so far.
    func dataset() throws -> ResponseDataset {
        var dataset = try ResponseDataset(catalog: .builtIn)
        for entry in entries { try dataset.apply(entry) }
        return dataset
    }

    private mutating func append(_ event: LogEvent, by author: Author) {
        entries.append(
            LogEntry(
                sequence: UInt64(entries.count), recordedAtMillis: 1_770_000_000_000 + Int64(entries.count),
                event: event,
                author: author))
    }

    private func response(
        _ id: UUID, _ citizen: String, _ date: String, _ answers: [Int?], _ instrument: InstrumentID, _ unit: String?,
        _ intervention: String?
    ) -> Response {
        Response(
            id: id, citizen: CitizenID(rawValue: citizen)!, instrument: instrument,
            administeredAt: CalendarDate(iso8601: date)!, answers: answers, unit: unit.flatMap(Label.init(rawValue:)),
            intervention: intervention.flatMap(Label.init(rawValue:)))
    }
}

/// WHO-5 answers with this raw sum spread evenly (no item at 0 or 1 when raw ≥ 10).
func who5(raw: Int) -> [Int?] {
    (0..<5).map { raw / 5 + ($0 < raw % 5 ? 1 : 0) }
}
