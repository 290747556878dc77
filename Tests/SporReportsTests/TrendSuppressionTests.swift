import Foundation
import SporInstruments
import SporReports
import Testing

/// Hand-computed cases for the suppression rules of docs/report-definition.md, `minCell` 5 throughout, all in 2026-Q1.
@Suite struct TrendSuppressionTests {
    /// Adds `citizens` citizens in `group` who answer on 2026-02-10 with raw scores `raw(i)`; the first `paired` of
    /// them also answered on 2025-11-10 with raw 10 (score 40, low wellbeing), which is their baseline.
    private func add(
        _ log: inout LogBuilder, _ group: String?, citizens: Int, paired: Int = 0, by: ReportGrouping = .unit,
        raw: (Int) -> Int = { _ in 12 }
    ) {
        for index in 0..<citizens {
            let citizen = "\(group ?? "none")-\(index)"
            let unit = by == .unit ? group : nil
            let intervention = by == .intervention ? group : nil
            if index < paired {
                log.record(citizen, "2025-11-10", who5(raw: 10), unit: unit, intervention: intervention)
            }
            log.record(citizen, "2026-02-10", who5(raw: raw(index)), unit: unit, intervention: intervention)
        }
    }

    /// The 2026-Q1 cells (baselines in 2025-Q4 still count as baselines).
    private func cells(_ log: LogBuilder, by: ReportGrouping = .unit) throws -> [TrendCell] {
        try log.dataset().trendReport(
            TrendReportRequest(
                instrument: .who5, period: .quarter, by: by, from: CalendarDate(iso8601: "2026-01-01"))
        ).cells
    }

    /// Group → "primary", "complementary", "change hidden" or "shown".
    private func marks(_ cells: [TrendCell]) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: cells.map { cell in
                (
                    cell.group ?? "(none)",
                    cell.suppression?.rawValue ?? (cell.figures!.changeSuppressed ? "change hidden" : "shown")
                )
            })
    }

    @Test func onePrimaryCellAmongLargerOnes() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 6, paired: 6)
        add(&log, "b", citizens: 7, paired: 7)
        add(&log, "c", citizens: 2, paired: 2)
        add(&log, "d", citizens: 8, paired: 8)
        // c: 2 < 5, primary. Suppressed so far: 2 citizens < 5, so the visible cell with the fewest citizens, a (6),
        // is suppressed too: 2 + 6 = 8 ≥ 5, done. Pairs hidden: 2 + 6 = 8 ≥ 5, so b and d keep their change figures.
        #expect(marks(try cells(log)) == ["a": "complementary", "b": "shown", "c": "primary", "d": "shown"])
    }

    @Test func primaryCellsThatTogetherReachMinCellNeedNoMore() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 2, paired: 2)
        add(&log, "b", citizens: 3, paired: 3)
        add(&log, "c", citizens: 9, paired: 9)
        // 2 + 3 = 5 citizens suppressed, 5 pairs hidden: not fewer than 5.
        #expect(marks(try cells(log)) == ["a": "primary", "b": "primary", "c": "shown"])
    }

    @Test func twoSmallCellsThatTogetherStayUnderMinCell() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 2, paired: 2)
        add(&log, "b", citizens: 2, paired: 2)
        add(&log, "c", citizens: 9, paired: 9)
        add(&log, "d", citizens: 6, paired: 6)
        // a and b: 2 + 2 = 4 < 5, so d (6, fewer than c's 9) is added: 4 + 6 = 10.
        #expect(marks(try cells(log)) == ["a": "primary", "b": "primary", "c": "shown", "d": "complementary"])
    }

    @Test func aPeriodWhereNoVisibleCellIsLeftToAdd() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 2)
        add(&log, "b", citizens: 1)
        // 2 + 1 = 3 < 5, but there is no visible cell left: the loop stops with both primary.
        #expect(marks(try cells(log)) == ["a": "primary", "b": "primary"])
        var log2 = LogBuilder()
        add(&log2, "a", citizens: 1)
        add(&log2, "b", citizens: 7)
        // 1 < 5: b is added (8 ≥ 5), and nothing is visible any more.
        #expect(marks(try cells(log2)) == ["a": "primary", "b": "complementary"])
    }

    @Test func tiesOnTheCountGoToTheSmallerLabelByCodePoints() throws {
        var log = LogBuilder()
        add(&log, "SEL82", citizens: 6, paired: 6, by: .intervention)
        add(&log, "SEL104", citizens: 6, paired: 6, by: .intervention)
        add(&log, "SEL107", citizens: 7, paired: 7, by: .intervention)
        add(&log, "SEL85", citizens: 1, paired: 1, by: .intervention)
        let cells = try cells(log, by: .intervention)
        // Cells in code-point order: "SEL1…" before "SEL8…" ("1" is U+0031, "8" U+0038).
        #expect(cells.map(\.group) == ["SEL104", "SEL107", "SEL82", "SEL85"])
        // SEL85: 1 < 5, primary. SEL104 and SEL82 both have 6, the fewest: SEL104 goes, 1 + 6 = 7.
        #expect(marks(cells) == ["SEL104": "complementary", "SEL107": "shown", "SEL82": "shown", "SEL85": "primary"])
    }

    @Test func theUnlabelledGroupComesLastOnTies() throws {
        var log = LogBuilder()
        add(&log, nil, citizens: 6)
        add(&log, "z", citizens: 6)
        add(&log, "a", citizens: 3)
        // a: 3 < 5. The unlabelled group and z both have 6; the unlabelled group sorts after every label.
        #expect(marks(try cells(log)) == ["a": "primary", "z": "complementary", "(none)": "change hidden"])
    }

    @Test func changeFiguresHiddenByPairsIncludingACellWithNoPairs() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 6, paired: 6)
        add(&log, "b", citizens: 6, paired: 2)
        add(&log, "c", citizens: 5, paired: 0)
        // d: baselines 40, later 40, 44, …, 64.
        add(&log, "d", citizens: 7, paired: 7) { 10 + $0 }
        let cells = try cells(log)
        // No cell has fewer than 5 citizens. Change: b (2 pairs) and c (0) are hidden, 2 + 0 = 2 pairs < 5, so a
        // (6 pairs, fewer than d's 7) is hidden as well: 2 + 6 = 8.
        #expect(marks(cells) == ["a": "change hidden", "b": "change hidden", "c": "change hidden", "d": "shown"])
        #expect(cells.allSatisfy { $0.figures != nil })
        // d: deltas 0, 4, 8, 12, 16, 20, 24: mean 84 / 7 = 12; improved (≥ 10) 4 of 7, unchanged 3 of 7; the
        // later scores above 50 (52, 56, 60, 64) crossed the cut-off: 4 of 7.
        #expect(
            cells[3].figures?.change
                == TrendChange(
                    pairedCitizens: 7, meanChange: 12, improved: 4.0 / 7, unchanged: 3.0 / 7, deteriorated: 0,
                    crossedCutoff: 4.0 / 7))
        // The JSON of a cell with hidden change figures: all six null, pairedCitizens too, also with no pairs.
        let json = try #require(
            try JSONSerialization.jsonObject(with: ReportJSON.data(cells[2].figures)) as? [String: Any])
        for key in ["pairedCitizens", "meanChange", "improved", "unchanged", "deteriorated", "crossedCutoff"] {
            #expect(json[key] is NSNull, "\(key)")
        }
        #expect(json["changeSuppressed"] as? Bool == true)
        #expect(json["citizens"] as? Int == 5)
    }

    @Test func hiddenPairsThatSumToNothingNeedNoMore() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 6, paired: 0)
        add(&log, "b", citizens: 6, paired: 6)
        // a's change figures are hidden (0 < 5), but it hides 0 pairs: nothing to protect, b keeps its figures.
        #expect(marks(try cells(log)) == ["a": "change hidden", "b": "shown"])
    }

    @Test func suppressedCellsCountTowardsTheHiddenPairs() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 3, paired: 3)
        add(&log, "b", citizens: 4, paired: 4)
        add(&log, "c", citizens: 6, paired: 1)
        add(&log, "d", citizens: 6, paired: 6)
        // a and b: 3 + 4 = 7 citizens, both primary, no more needed. Pairs hidden: a 3 + b 4 + c 1 (1 < 5) = 8 ≥ 5,
        // so d keeps its change figures.
        #expect(marks(try cells(log)) == ["a": "primary", "b": "primary", "c": "change hidden", "d": "shown"])
    }

    @Test func withoutGroupingOnlyPrimaryAndPairsApply() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 4, paired: 4)
        #expect(marks(try cells(log, by: .none)) == ["all": "primary"])
        add(&log, "b", citizens: 2, paired: 2)
        // 6 citizens, 6 pairs: shown. By unit the same data hides everything: a and b are both primary (4 + 2 = 6).
        #expect(marks(try cells(log, by: .none)) == ["all": "shown"])
        #expect(marks(try cells(log, by: .unit)) == ["a": "primary", "b": "primary"])
        var few = LogBuilder()
        add(&few, "a", citizens: 6, paired: 3)
        // 3 < 5 pairs: hidden; there is no other cell, and no complementary step without grouping.
        #expect(marks(try cells(few, by: .none)) == ["all": "change hidden"])
    }

    @Test func suppressionIsPerPeriod() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 1)
        add(&log, "b", citizens: 6)
        for index in 0..<6 { log.record("q2-a\(index)", "2026-05-01", who5(raw: 12), unit: "a") }
        for index in 0..<6 { log.record("q2-b\(index)", "2026-05-01", who5(raw: 12), unit: "b") }
        let cells = try log.dataset().trendReport(TrendReportRequest(instrument: .who5, period: .quarter, by: .unit))
            .cells
        #expect(cells.map { $0.suppression?.rawValue ?? "shown" } == ["primary", "complementary", "shown", "shown"])
    }

    @Test func eachKindOfHiddenCellHasTheJSONOfSectionFive() throws {
        var log = LogBuilder()
        add(&log, "a", citizens: 1)
        add(&log, "b", citizens: 6)
        add(&log, "c", citizens: 7)
        let report = try log.dataset().trendReport(TrendReportRequest(instrument: .who5, period: .quarter, by: .unit))
        let text = try ReportJSON.string(report)
        #expect(text.contains(#"{"group":"a","period":"2026-Q1","suppressed":true,"suppression":"primary"}"#))
        #expect(text.contains(#"{"group":"b","period":"2026-Q1","suppressed":true,"suppression":"complementary"}"#))
        #expect(
            text.contains(
                #""changeSuppressed":true,"citizens":7,"crossedCutoff":null,"deteriorated":null,"flags":{"#))
        #expect(text.contains(#""group":"c","improved":null,"meanChange":null,"#))
        #expect(
            text.contains(#""pairedCitizens":null,"period":"2026-Q1","sdScore":0,"suppressed":false,"unchanged":null}"#)
        )
    }
}
