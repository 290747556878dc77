import Foundation
import SporInstruments
import SporReports
import Testing

/// Hand-computed cases, one per rule of docs/report-definition.md.
@Suite struct TrendReportRuleTests {
    private func report(
        _ log: LogBuilder, instrument: InstrumentID = .who5, period: ReportPeriod = .quarter,
        by: ReportGrouping = .none, from: String? = nil, to: String? = nil, minCell: Int = 1
    ) throws -> TrendReport {
        try log.dataset().trendReport(
            TrendReportRequest(
                instrument: instrument, period: period, by: by, from: from.flatMap(CalendarDate.init(iso8601:)),
                to: to.flatMap(CalendarDate.init(iso8601:)), minCell: minCell, allowSmallCells: minCell < 3))
    }

    @Test func eachCitizenCountsOnceWithLatestResponseAndItsGroup() throws {
        var log = LogBuilder()
        log.record("a", "2026-01-10", who5(raw: 10), unit: "u1")
        log.record("a", "2026-02-20", who5(raw: 15), unit: "u2")
        log.record("b", "2026-03-01", who5(raw: 20), unit: "u1")
        let cells = try report(log, by: .unit).cells
        #expect(cells.map(\.group) == ["u1", "u2"])
        #expect(cells.map { $0.figures?.citizens } == [1, 1])
        #expect(cells[0].figures?.meanScore == 80)
        #expect(cells[1].figures?.meanScore == 60)
    }

    @Test func sameDayTieGoesToLatestRecorded() throws {
        var log = LogBuilder()
        log.record("a", "2026-03-01", who5(raw: 20))
        log.record("a", "2026-03-01", who5(raw: 5))
        let figures = try #require(try report(log).cells.first?.figures)
        #expect(figures.citizens == 1)
        #expect(figures.meanScore == 20)
    }

    @Test func tieUsesOriginalRecordingOrderEvenAfterACorrection() throws {
        var log = LogBuilder()
        let first = log.record("a", "2026-03-01", who5(raw: 20))
        log.record("a", "2026-03-01", who5(raw: 5))
        log.correct(first, "a", "2026-03-01", who5(raw: 21))
        #expect(try report(log).cells.first?.figures?.meanScore == 20)
    }

    @Test func baselineOnTheSameDayAsLatestIsNotPaired() throws {
        var log = LogBuilder()
        log.record("single", "2026-01-10", who5(raw: 10))
        log.record("sameDay", "2026-01-10", who5(raw: 10))
        log.record("sameDay", "2026-01-10", who5(raw: 15))
        log.record("paired", "2025-12-01", who5(raw: 10))
        log.record("paired", "2026-01-05", who5(raw: 13))
        let figures = try #require(try report(log, period: .year).cells.last?.figures)
        #expect(figures.citizens == 3)
        // paired: 40 → 52, +12 ≥ 10 improved, and no longer lowWellbeing (≤ 50).
        #expect(
            figures.change
                == TrendChange(
                    pairedCitizens: 1, meanChange: 12, improved: 1, unchanged: 0, deteriorated: 0, crossedCutoff: 1))
    }

    @Test func changeFiguresAreHiddenWithoutPairs() throws {
        var log = LogBuilder()
        log.record("a", "2026-01-10", who5(raw: 10))
        let figures = try #require(try report(log).cells.first?.figures)
        #expect(figures.change == nil)
        #expect(figures.changeSuppressed)
    }

    @Test func correctionsAndRetractionsAreAppliedFirst() throws {
        var log = LogBuilder()
        // A correction replaces the score and moves the response into another quarter.
        let moved = log.record("a", "2026-01-05", who5(raw: 5))
        log.correct(moved, "a", "2026-04-05", who5(raw: 20))
        // A retracted baseline no longer counts: b's baseline becomes its 2026-01-10 response, not paired.
        let wrong = log.record("b", "2025-11-01", who5(raw: 5))
        log.record("b", "2026-01-10", who5(raw: 10))
        log.retract(wrong)
        // A retracted latest response leaves the earlier one as the latest.
        log.record("c", "2026-02-01", who5(raw: 15))
        let retracted = log.record("c", "2026-03-01", who5(raw: 25))
        log.retract(retracted)
        let cells = try report(log).cells
        #expect(cells.map(\.period) == ["2026-Q1", "2026-Q2"])
        let q1 = try #require(cells[0].figures)
        #expect(q1.citizens == 2)
        #expect(q1.meanScore == 50)  // b 40, c 60
        #expect(q1.change == nil)  // no pairs
        #expect(cells[1].figures?.meanScore == 80)
    }

    @Test func incompleteResponsesAreIgnored() throws {
        var log = LogBuilder()
        log.record("a", "2026-01-01", [3, nil, 3, 3, 3])
        log.record("a", "2026-02-01", who5(raw: 15))
        log.record("a", "2026-03-01", [nil, nil, nil, nil, nil])
        log.record("b", "2026-02-01", [1, 1, 1, 1, nil])
        let figures = try #require(try report(log).cells.first?.figures)
        #expect(figures.citizens == 1)
        #expect(figures.meanScore == 60)
        #expect(figures.change == nil)  // no pairs
    }

    @Test(arguments: [(4, true), (5, false)])
    func suppressionBelowMinCell(citizens: Int, suppressed: Bool) throws {
        var log = LogBuilder()
        for index in 0..<citizens { log.record("c\(index)", "2026-01-10", who5(raw: 12)) }
        let cell = try #require(try report(log, minCell: 5).cells.first)
        #expect(cell.suppressed == suppressed)
        #expect((cell.figures == nil) == suppressed)
    }

    @Test func minCellBelowThreeNeedsTheOverride() throws {
        let dataset = try LogBuilder().dataset()
        #expect(throws: ReportError.self) {
            try dataset.trendReport(TrendReportRequest(instrument: .who5, period: .month, by: .none, minCell: 2))
        }
        #expect(throws: ReportError.self) {
            try dataset.trendReport(
                TrendReportRequest(
                    instrument: .who5, period: .month, by: .none, minCell: 0, allowSmallCells: true))
        }
        #expect(TrendReportRequest(instrument: .who5, period: .month, by: .none).minCell == 5)
        _ = try dataset.trendReport(
            TrendReportRequest(
                instrument: .who5, period: .month, by: .none, minCell: 2, allowSmallCells: true))
    }

    @Test func medianOfAnEvenCountIsTheMeanOfTheTwoMiddles() throws {
        var log = LogBuilder()
        for (index, raw) in [10, 15, 5, 20].enumerated() { log.record("c\(index)", "2026-01-10", who5(raw: raw)) }
        let figures = try #require(try report(log).cells.first?.figures)
        #expect(figures.medianScore == 50)
        #expect(figures.meanScore == 50)
        // Scores 40, 60, 20, 80: squared deviations 100 + 100 + 900 + 900 = 2000, over n − 1 = 3.
        #expect(abs(try #require(figures.sdScore) - (2000.0 / 3).squareRoot()) < 1e-12)
    }

    @Test func medianOfAnOddCountIsTheMiddle() throws {
        var log = LogBuilder()
        for (index, raw) in [25, 5, 10].enumerated() { log.record("c\(index)", "2026-01-10", who5(raw: raw)) }
        #expect(try report(log).cells.first?.figures?.medianScore == 40)
    }

    @Test func sdWithOneCitizenIsNull() throws {
        var log = LogBuilder()
        log.record("a", "2026-01-10", who5(raw: 10))
        let figures = try #require(try report(log).cells.first?.figures)
        #expect(figures.sdScore == nil)
        #expect(figures.medianScore == 40)
    }

    @Test func flagSharesAreFractionsOfCitizens() throws {
        var log = LogBuilder()
        log.record("a", "2026-01-10", [0, 0, 0, 0, 0])  // 0: low, very low, item at floor
        log.record("b", "2026-01-10", [5, 5, 5, 5, 5])  // 100: none
        log.record("c", "2026-01-10", [1, 5, 5, 5, 5])  // 84: item at floor
        log.record("d", "2026-01-10", [2, 2, 2, 2, 2])  // 40: low
        let flags = try #require(try report(log).cells.first?.figures?.flags)
        let shares = Dictionary(uniqueKeysWithValues: flags.map { ($0.name, $0.value) })
        #expect(shares == ["lowWellbeing": 0.5, "veryLowWellbeing": 0.25, "itemAtFloor": 0.5])
    }

    @Test func periodLabels() throws {
        var log = LogBuilder()
        log.record("a", "2025-12-31", who5(raw: 10))
        log.record("b", "2026-01-01", who5(raw: 10))
        log.record("c", "2026-11-30", who5(raw: 10))
        #expect(try report(log, period: .month).cells.map(\.period) == ["2025-12", "2026-01", "2026-11"])
        #expect(try report(log, period: .quarter).cells.map(\.period) == ["2025-Q4", "2026-Q1", "2026-Q4"])
        #expect(try report(log, period: .year).cells.map(\.period) == ["2025", "2026"])
        #expect(try report(log, period: .year).cells.map(\.group) == ["all", "all"])
    }

    @Test func fromAndToLimitBucketsButNotBaselines() throws {
        var log = LogBuilder()
        log.record("a", "2025-06-01", who5(raw: 10))
        log.record("a", "2026-02-01", who5(raw: 20))
        log.record("a", "2026-04-01", who5(raw: 25))
        log.record("b", "2026-01-31", who5(raw: 15))
        let cells = try report(log, period: .quarter, from: "2026-02-01", to: "2026-03-31").cells
        #expect(cells.map(\.period) == ["2026-Q1"])
        let figures = try #require(cells.first?.figures)
        #expect(figures.citizens == 1)
        #expect(figures.change?.pairedCitizens == 1)
        #expect(figures.change?.meanChange == 40)
    }

    @Test func cellsAreSortedByPeriodThenGroupWithUnlabelledLast() throws {
        var log = LogBuilder()
        log.record("a", "2026-04-01", who5(raw: 10), unit: "b")
        log.record("b", "2026-04-01", who5(raw: 10), unit: "a")
        log.record("c", "2026-01-01", who5(raw: 10))
        log.record("d", "2026-01-01", who5(raw: 10), unit: "b")
        let cells = try report(log, by: .unit).cells
        #expect(cells.map(\.period) == ["2026-Q1", "2026-Q1", "2026-Q2", "2026-Q2"])
        #expect(cells.map(\.group) == ["b", nil, "a", "b"])
    }

    @Test func inspireCellsHaveChimeMeansAndTheRecoveryFlag() throws {
        var log = LogBuilder()
        log.record("a", "2026-01-10", [4, 3, 2, 1, 0], instrument: .briefInspireO, intervention: "SEL85")  // 50
        log.record("b", "2026-01-10", [2, 1, 2, 1, 2], instrument: .briefInspireO, intervention: "SEL85")  // 40
        log.record("c", "2026-01-10", who5(raw: 10), intervention: "SEL85")
        let figures = try #require(try report(log, instrument: .briefInspireO, by: .intervention).cells.first?.figures)
        #expect(figures.citizens == 2)
        #expect(figures.meanScore == 45)
        #expect(figures.flags.map(\.name) == ["belowRecoveryCutoff"])
        #expect(figures.flags.first?.value == 0.5)
        #expect(figures.chimeMeans?.map(\.name) == ["connectedness", "hope", "identity", "meaning", "empowerment"])
        #expect(figures.chimeMeans?.map(\.value) == [3, 2, 2, 1, 1])
    }
}
