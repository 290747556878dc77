import Foundation
import SporInstruments
import SporReports
import Testing

/// Settled periods and releases (docs/report-definition.md): what the strategic level reads.
@Suite struct TrendReleaseTests {
    private func day(_ text: String) -> CalendarDate { CalendarDate(iso8601: text)! }

    @Test func aPeriodIsSettledWhenTheWindowHasPassedAfterItsLastDay() throws {
        let window = SettleWindow.standard
        #expect(window.days == 14)
        // 2026-Q1 ends 2026-03-31; 14 whole days later is 2026-04-14, so it is settled from 2026-04-15 on.
        #expect(!window.isSettled(.quarter, holding: day("2026-02-10"), on: day("2026-04-14")))
        #expect(window.isSettled(.quarter, holding: day("2026-02-10"), on: day("2026-04-15")))
        // February 2026 ends on the 28th: settled from 2026-03-15; February 2024 ends on the 29th: from 2024-03-15.
        #expect(!window.isSettled(.month, holding: day("2026-02-01"), on: day("2026-03-14")))
        #expect(window.isSettled(.month, holding: day("2026-02-01"), on: day("2026-03-15")))
        #expect(!window.isSettled(.month, holding: day("2024-02-29"), on: day("2024-03-14")))
        #expect(window.isSettled(.month, holding: day("2024-02-29"), on: day("2024-03-15")))
        // 2025 is settled from 2026-01-15; the current period never is.
        #expect(!window.isSettled(.year, holding: day("2025-06-01"), on: day("2026-01-14")))
        #expect(window.isSettled(.year, holding: day("2025-06-01"), on: day("2026-01-15")))
        #expect(!window.isSettled(.month, holding: day("2026-04-15"), on: day("2026-04-15")))
    }

    @Test func theLastSettledDayOfEachPeriod() throws {
        let window = SettleWindow.standard
        // On 2026-04-14: 14 + 1 days back is 2026-03-30, inside March, so February is the newest settled month.
        #expect(window.lastSettledDay(.month, on: day("2026-04-14")) == day("2026-02-28"))
        #expect(window.lastSettledDay(.quarter, on: day("2026-04-14")) == day("2025-12-31"))
        // On 2026-04-15 it is 2026-03-31, the last day of March and of 2026-Q1.
        #expect(window.lastSettledDay(.month, on: day("2026-04-15")) == day("2026-03-31"))
        #expect(window.lastSettledDay(.quarter, on: day("2026-04-15")) == day("2026-03-31"))
        #expect(window.lastSettledDay(.year, on: day("2026-04-15")) == day("2025-12-31"))
        // Without a window a period is settled the day after it ends.
        let none = try SettleWindow(days: 0)
        #expect(none.lastSettledDay(.month, on: day("2026-04-01")) == day("2026-03-31"))
        #expect(none.lastSettledDay(.month, on: day("2026-03-31")) == day("2026-02-28"))
        #expect(throws: ReportError.self) { try SettleWindow(days: -1) }
    }

    /// Six citizens in unit u1 each month from January to May 2026, raw 10 in January and 12 after.
    private func monthlyLog() -> LogBuilder {
        var log = LogBuilder()
        for (month, raw) in [("01", 10), ("02", 12), ("03", 12), ("04", 12), ("05", 12)] {
            for citizen in 0..<6 { log.record("c\(citizen)", "2026-\(month)-10", who5(raw: raw), unit: "u1") }
        }
        return log
    }

    private let asOf = Date(timeIntervalSince1970: 1_795_000_000.75)

    @Test func aReleaseHoldsOnlySettledPeriodsAndNamesItselfNotTheRead() throws {
        let release = try monthlyLog().dataset().trendRelease(
            id: TrendRelease.ID(number: 1)!, asOf: asOf, on: day("2026-04-15"))
        // 2 instruments × 3 periods × 3 groupings.
        #expect(release.reports.count == 18)
        let months = try #require(release.report(instrument: .who5, period: .month, by: .unit))
        #expect(months.cells.map(\.period) == ["2026-01", "2026-02", "2026-03"])
        #expect(release.report(instrument: .who5, period: .quarter, by: .none)?.cells.map(\.period) == ["2026-Q1"])
        #expect(release.report(instrument: .who5, period: .year, by: .none)?.cells.isEmpty == true)
        #expect(months.release == TrendReport.Release(id: TrendRelease.ID(number: 1)!, asOf: asOf))
        // 1,795,000,000 s after 1970 is 2026-11-18 11:06:40 UTC; the fraction is dropped.
        let text = try ReportJSON.string(months)
        #expect(text.hasSuffix(#""minCell":5,"period":"month","release":{"asOf":"2026-11-18T11:06:40Z","id":1}}"#))
        // The same release reads the same bytes, also after a round trip through its stored form.
        let stored = try release.json()
        let reread = try TrendRelease(json: stored)
        #expect(reread == release)
        #expect(try reread.json() == stored)
        #expect(
            try ReportJSON.data(reread.report(instrument: .who5, period: .month, by: .unit)) == ReportJSON.data(months))
        #expect(months.table().hasPrefix("who5 by unit per month (release 1 as of 2026-11-18T11:06:40Z)\n"))
        #expect(
            months.svg(cutoff: 50).contains(
                "<title>who5: mean score per month by unit (release 1 as of 2026-11-18T11:06:40Z)</title>"))
        let inspire = try #require(reread.report(instrument: .briefInspireO, period: .month, by: .none))
        #expect(inspire.flagNames == ["belowRecoveryCutoff"])
        #expect(inspire.domainNames == ["connectedness", "hope", "identity", "meaning", "empowerment"])
    }

    @Test func aReadSelectsWholePeriodsBetweenFromAndTo() throws {
        let release = try monthlyLog().dataset().trendRelease(
            id: TrendRelease.ID(number: 1)!, asOf: asOf, on: day("2026-04-15"))
        let report = release.report(
            instrument: .who5, period: .month, by: .none, from: day("2026-02-01"), to: day("2026-02-28"))
        #expect(report?.cells.map(\.period) == ["2026-02"])
        #expect(
            release.report(instrument: .who5, period: .month, by: .none, from: day("2026-03-01"))?.cells.map(\.period)
                == ["2026-03"])
    }

    @Test func lateDataReachesTheStrategicLevelOnlyInAFreshRelease() throws {
        var log = monthlyLog()
        let first = try log.dataset().trendRelease(id: TrendRelease.ID(number: 1)!, asOf: asOf, on: day("2026-04-15"))
        #expect(!first.isMissingSettledPeriods(on: day("2026-05-14")))
        #expect(first.isMissingSettledPeriods(on: day("2026-05-15")))  // April has settled
        // A late response for settled March, and more data for April.
        log.record("late", "2026-03-20", who5(raw: 25), unit: "u1")
        log.record("c0", "2026-04-20", who5(raw: 25), unit: "u1")
        let dataset = try log.dataset()
        let fresh = try dataset.trendRelease(id: first.id.next, asOf: asOf + 86_400 * 30, on: day("2026-05-15"))
        let automatic = try fresh.keepingPeriods(of: first)
        let months = try #require(automatic.report(instrument: .who5, period: .month, by: .none))
        // March stays as the first release froze it (6 citizens); April comes from the data now.
        #expect(months.cells.map(\.period) == ["2026-01", "2026-02", "2026-03", "2026-04"])
        #expect(months.cells[2] == first.report(instrument: .who5, period: .month, by: .none)?.cells[2])
        #expect(months.cells[2].figures?.citizens == 6)
        #expect(months.cells[3] == fresh.report(instrument: .who5, period: .month, by: .none)?.cells[3])
        #expect(months.release?.id == TrendRelease.ID(number: 2))
        // An admin's release is the fresh one: the late response is in March (7 citizens), and the first release
        // still reads as before.
        #expect(fresh.report(instrument: .who5, period: .month, by: .none)?.cells[2].figures?.citizens == 7)
        #expect(try TrendRelease(json: first.json()) == first)
        // Carrying periods over never mixes suppression limits.
        let other = try dataset.trendRelease(id: first.id.next, asOf: asOf, on: day("2026-05-15"), minCell: 6)
        #expect(throws: ReportError.self) { try other.keepingPeriods(of: first) }
    }

    @Test func releaseIDsAreNumbersFromOne() {
        #expect(TrendRelease.ID("3")?.number == 3)
        #expect(TrendRelease.ID("3")?.next.description == "4")
        for text in ["0", "-1", "", "1.5", "abc", "+2", "1234567890"] {
            #expect(TrendRelease.ID(text) == nil, "\(text)")
        }
        #expect(TrendRelease.ID(number: 1)! < TrendRelease.ID(number: 2)!)
    }
}
