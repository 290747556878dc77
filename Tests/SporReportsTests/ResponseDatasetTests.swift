import Foundation
import SporInstruments
import SporLog
import SporReports
import Testing

@Suite struct ResponseDatasetTests {
    @Test func unknownIdsAreRefusedWithoutAnswersInTheMessage() throws {
        var dataset = try ResponseDataset(catalog: .builtIn)
        let id = UUID()
        let entry = LogEntry(
            sequence: 0, recordedAtMillis: 0, event: .responseRetracted(id: id, reason: "x"), author: testAuthor)
        #expect(throws: ResponseDatasetError.self) { try dataset.apply(entry) }
        #expect(dataset.count == 0)
    }

    @Test func unknownInstrumentIsRefusedAndNothingIsKept() throws {
        var dataset = try ResponseDataset(catalog: .builtIn)
        let response = Response(
            id: UUID(), citizen: CitizenID(rawValue: "c")!, instrument: InstrumentID("phq9"),
            administeredAt: CalendarDate(iso8601: "2026-01-01")!, answers: [1, 2, 3])
        let entry = LogEntry(
            sequence: 0, recordedAtMillis: 0, event: .responseRecorded(response, definitionVersion: "1"),
            author: testAuthor)
        do {
            try dataset.apply(entry)
            Issue.record("expected an error")
        } catch let error as ResponseDatasetError {
            #expect(!error.description.contains("1, 2, 3"))
        }
        #expect(dataset.count == 0)
        #expect(dataset.citizenCount == 0)
    }

    @Test func aSecondRecordingOfAnIdIsIgnored() throws {
        var log = LogBuilder()
        log.record("c", "2026-01-01", who5(raw: 10))
        var dataset = try log.dataset()
        try dataset.apply(log.entries[0])
        #expect(dataset.count == 1)
    }

    @Test func revisionsListEveryEventOldestFirst() throws {
        var log = LogBuilder()
        let id = log.record("c", "2026-01-01", who5(raw: 10))
        log.correct(id, "c", "2026-01-02", who5(raw: 11))
        log.retract(id)
        let revisions = try log.dataset().revisions(of: id)
        #expect(revisions.map(\.kind) == [.recorded, .corrected, .retracted])
        #expect(revisions.map(\.sequence) == [0, 1, 2])
        #expect(revisions[1].response?.administeredAt == CalendarDate(iso8601: "2026-01-02"))
    }

    @Test func eachRevisionNamesItsAuthorWhetherAuthorsComeInRunsOrTakeTurns() throws {
        let anna = Author.token(name: AuthorName(rawValue: "anna")!, role: AuthorName(rawValue: "staff")!)
        let bo = Author.token(name: AuthorName(rawValue: "bo")!, role: AuthorName(rawValue: "admin")!)
        var log = LogBuilder()
        var expected: [UUID: Author] = [:]
        for index in 0..<30 {
            // Runs of three, then turns, then an unknown author as in an old log.
            let author =
                index < 12
                ? (index / 3 % 2 == 0 ? anna : testAuthor) : index < 24 ? (index % 2 == 0 ? anna : bo) : .unknown
            expected[log.record("c\(index % 4)", "2026-01-01", who5(raw: 10), by: author)] = author
        }
        let corrected = expected.keys.sorted { $0.uuidString < $1.uuidString }[5]
        log.correct(corrected, "c\(5 % 4)", "2026-01-02", who5(raw: 11), by: bo)
        log.retract(corrected, by: anna)
        let dataset = try log.dataset()
        for (id, author) in expected {
            #expect(dataset.revisions(of: id).first?.author == author)
        }
        #expect(dataset.revisions(of: corrected).map(\.author) == [expected[corrected]!, bo, anna])
    }

    @Test func memoryPerResponseStaysUnderOneHundredBytes() throws {
        var dataset = try ResponseDataset(catalog: .builtIn)
        let count = 20_000
        dataset.reserveCapacity(count)
        for index in 0..<count {
            let response = Response(
                id: UUID(), citizen: CitizenID(rawValue: "c\(index / 10)")!, instrument: .who5,
                administeredAt: CalendarDate(daysSinceEpoch: 20_000 + index % 700), answers: [1, 2, 3, 4, index % 6],
                unit: Label(rawValue: "u\(index % 7)"), intervention: Label(rawValue: "SEL85"), mode: .paper)
            try dataset.apply(
                LogEntry(
                    sequence: UInt64(index), recordedAtMillis: 0,
                    event: .responseRecorded(response, definitionVersion: "1"),
                    author: testAuthor))
        }
        #expect(dataset.count == count)
        #expect(dataset.columnByteCount / count < 100)
        // One author for every row: a single run.
        var oneAuthor = try ResponseDataset(catalog: .builtIn)
        oneAuthor.reserveCapacity(count)
        var perRowAuthors = try ResponseDataset(catalog: .builtIn)
        perRowAuthors.reserveCapacity(count)
        for index in 0..<count {
            let response = Response(
                id: UUID(), citizen: CitizenID(rawValue: "c\(index / 10)")!, instrument: .who5,
                administeredAt: CalendarDate(daysSinceEpoch: 20_000), answers: [1, 2, 3, 4, 5])
            let event = LogEvent.responseRecorded(response, definitionVersion: "1")
            try oneAuthor.apply(
                LogEntry(sequence: UInt64(index), recordedAtMillis: 0, event: event, author: testAuthor))
            let author = Author.cli(user: AuthorName(rawValue: "u\(index % 2)")!)
            try perRowAuthors.apply(
                LogEntry(sequence: UInt64(index), recordedAtMillis: 0, event: event, author: author))
        }
        // Authors taking turns row by row: one run a row, 8 bytes (up to twice that while the runs grow).
        let turns = perRowAuthors.columnByteCount - oneAuthor.columnByteCount
        #expect(turns >= count * 8 && turns <= count * 16 + 1024)
    }
}
