import Foundation
import SporInstruments
import Testing

@Suite("Calendar dates")
struct CalendarDateTests {
    /// RFC 3339 allows a space for the `T`, so a spreadsheet export reads too.
    @Test(
        "ISO 8601 dates and date-times with an offset are read as the date written",
        arguments: [
            ("2026-03-14", "2026-03-14"), ("2026-03-14T09:30:00+01:00", "2026-03-14"),
            ("2026-03-14T23:59Z", "2026-03-14"), ("2026-03-14 09:30:00Z", "2026-03-14"),
            ("2026-03-14T00:00:00.123-11:00", "2026-03-14"), ("2024-02-29", "2024-02-29"), ("0001-01-01", "0001-01-01"),
        ])
    func parses(_ text: String, _ expected: String) {
        #expect(CalendarDate(iso8601: text)?.description == expected)
    }

    @Test(
        "anything else is not a date",
        arguments: [
            "", "2026-3-14", "2026/03/14", "14-03-2026", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
            "0000-01-01", "2026-03-14T09:30", "2026-03-14T25:00:00Z", "2026-03-14x", "２０２６-03-14",
        ])
    func rejects(_ text: String) {
        #expect(CalendarDate(iso8601: text) == nil)
    }

    @Test("days since 1970 round-trip over four centuries")
    func daysRoundTrip() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)!.daysSinceEpoch == 11_017)
        #expect(CalendarDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch == -1)
        var previous: CalendarDate?
        for day in stride(from: -60_000, through: 90_000, by: 1) {
            let date = CalendarDate(daysSinceEpoch: day)
            #expect(date.daysSinceEpoch == day)
            if let previous { #expect(previous < date) }
            previous = date
        }
    }

    @Test("today is taken in Danish time")
    func todayInDenmark() throws {
        // 2026-06-30 22:30 UTC is already 1 July in Copenhagen (UTC+2 in summer).
        let instant = Date(timeIntervalSince1970: 1_782_858_600)
        let copenhagen = try #require(TimeZone(identifier: "Europe/Copenhagen"))
        #expect(CalendarDate.today(in: copenhagen, now: instant).description == "2026-07-01")
        #expect(CalendarDate.today(in: TimeZone(identifier: "UTC")!, now: instant).description == "2026-06-30")
    }

    @Test("dates encode and decode as YYYY-MM-DD")
    func codable() throws {
        let date = try #require(CalendarDate(year: 2026, month: 11, day: 3))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11-03"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-11-31"]"#.utf8))
        }
    }
}
