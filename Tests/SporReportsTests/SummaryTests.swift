import Foundation
import SporInstruments
import SporReports
import Testing

@Suite struct SummaryTests {
    private let since = CalendarDate(iso8601: "2026-03-01")!

    @Test func plainLanguageLineForARiseAcrossTheCutoff() throws {
        var log = LogBuilder()
        log.record("c", "2025-12-01", who5(raw: 15))  // baseline 60
        log.record("c", "2026-01-10", who5(raw: 9))  // 36, low wellbeing
        log.record("c", "2026-04-01", [3, 3, nil, 3, 3])
        log.record("c", "2026-04-02", who5(raw: 13))  // 52
        let summary = try #require(
            try log.dataset().summary(
                of: CitizenID(rawValue: "c")!, since: since, asOf: CalendarDate(iso8601: "2026-05-01")!))
        let who5 = try #require(summary.instruments.first)
        #expect(who5.text.en == "WHO-5 rose from 36 to 52 since 2026-03-01: improved, no longer low wellbeing")
        #expect(who5.text.da == "WHO-5 steg fra 36 til 52 siden 2026-03-01: forbedret, ikke længere lav trivsel")
        #expect(who5.baseline?.score == 60)
        #expect(who5.lastBeforeSince?.score == 36)
        #expect(who5.latest?.score == 52)
        #expect(who5.changeSinceFollowUp?.delta == 16)
        #expect(who5.changeSinceBaseline?.delta == -8)
        #expect(who5.changeSinceBaseline?.direction == .unchanged)
        #expect(who5.currentFlags == [])
        #expect(who5.responsesSince == 2)
        #expect(who5.incompleteSince == 1)
        #expect(who5.notes.isEmpty)
    }

    @Test func notesWhenNothingSinceAndLatestOlderThanSixMonths() throws {
        var log = LogBuilder()
        log.record("c", "2025-08-31", who5(raw: 10))
        let summary = try #require(
            try log.dataset().summary(
                of: CitizenID(rawValue: "c")!, since: since, asOf: CalendarDate(iso8601: "2026-03-01")!))
        let who5 = try #require(summary.instruments.first)
        #expect(who5.notes.map(\.code) == ["latestOlderThanSixMonths", "noResponseSince"])
        #expect(who5.text.en == "WHO-5 was 40 on 2025-08-31; no new response since 2026-03-01")
        #expect(who5.responsesSince == 0)
        #expect(who5.changeSinceFollowUp == nil)
    }

    @Test func sixMonthsIsCountedInCalendarMonths() throws {
        var log = LogBuilder()
        log.record("c", "2025-09-01", who5(raw: 10))
        let summary = try #require(
            try log.dataset().summary(
                of: CitizenID(rawValue: "c")!, since: since, asOf: CalendarDate(iso8601: "2026-03-01")!))
        #expect(summary.instruments.first?.notes.map(\.code) == ["noResponseSince"])
    }

    @Test func fallingIntoTheLowZoneAndAFirstResponse() throws {
        var log = LogBuilder()
        log.record("c", "2026-02-01", who5(raw: 15))
        log.record("c", "2026-03-05", who5(raw: 10))
        log.record("c", "2026-03-05", [3, 3, 3, 3, 4], instrument: .briefInspireO)
        let summary = try #require(
            try log.dataset().summary(
                of: CitizenID(rawValue: "c")!, since: since, asOf: CalendarDate(iso8601: "2026-03-10")!))
        #expect(summary.instruments.map(\.instrument) == [.briefInspireO, .who5])
        #expect(
            summary.instruments[1].text.en
                == "WHO-5 fell from 60 to 40 since 2026-03-01: deteriorated, now low wellbeing")
        #expect(summary.instruments[0].text.en == "Brief INSPIRE-O was 80 on 2026-03-05 (first scored response)")
    }
}
