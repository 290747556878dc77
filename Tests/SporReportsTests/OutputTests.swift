import Foundation
import SporInstruments
import SporReports
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct OutputTests {
    private func sampleLog() -> LogBuilder {
        var log = LogBuilder()
        for index in 0..<6 {
            log.record("a\(index)", "2026-01-10", who5(raw: 10 + index), unit: "u1")
            log.record("a\(index)", "2026-04-10", who5(raw: 14 + index), unit: "u1")
        }
        log.record("b", "2026-01-10", who5(raw: 10), unit: "u2")
        // u2 (1 citizen) is suppressed, so u3, the smallest other unit, is suppressed with it (1 + 5 ≥ 5).
        for index in 0..<5 { log.record("c\(index)", "2026-01-10", who5(raw: 12), unit: "u3") }
        return log
    }

    private func json(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: ReportJSON.data(value))
    }

    @Test func reportJSONHasTheShapeOfSectionFive() throws {
        let report = try sampleLog().dataset().trendReport(
            TrendReportRequest(instrument: .who5, period: .quarter, by: .unit))
        let object = try #require(try json(report) as? [String: Any])
        #expect(Set(object.keys) == ["instrument", "period", "by", "minCell", "cells"])
        #expect(object["instrument"] as? String == "who5")
        #expect(object["minCell"] as? Int == 5)
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 4)
        let suppressed = cells[1]
        #expect(Set(suppressed.keys) == ["period", "group", "suppressed", "suppression"])
        #expect(suppressed["group"] as? String == "u2")
        #expect(suppressed["suppressed"] as? Bool == true)
        #expect(suppressed["suppression"] as? String == "primary")
        #expect(cells[2]["group"] as? String == "u3")
        #expect(cells[2]["suppression"] as? String == "complementary")
        let first = cells[0]
        #expect(
            Set(first.keys) == [
                "period", "group", "suppressed", "citizens", "meanScore", "medianScore", "sdScore", "flags",
                "pairedCitizens", "meanChange", "improved", "unchanged", "deteriorated", "crossedCutoff",
                "changeSuppressed",
            ])
        #expect(first["pairedCitizens"] is NSNull)
        #expect(first["meanChange"] is NSNull)
        #expect(first["changeSuppressed"] as? Bool == true)
        #expect(cells[3]["changeSuppressed"] == nil)
        #expect(
            Set((first["flags"] as? [String: Any])?.keys ?? [:].keys) == [
                "lowWellbeing", "veryLowWellbeing", "itemAtFloor",
            ])
        // 6 citizens with raw 10…15: mean 50, full precision sd of 40, 44, …, 60.
        #expect(first["meanScore"] as? Double == 50)
        let scores = (0..<6).map { Double(40 + 4 * $0) }
        let sd = (scores.map { ($0 - 50) * ($0 - 50) }.reduce(0, +) / 5).squareRoot()
        #expect(first["sdScore"] as? Double == sd)
        #expect(cells[3]["pairedCitizens"] as? Int == 6)
        #expect(cells[3]["meanChange"] as? Double == 16)
    }

    @Test func theSameDataGivesTheSameJSONBytes() throws {
        let request = TrendReportRequest(instrument: .who5, period: .quarter, by: .unit)
        let first = try ReportJSON.data(sampleLog().dataset().trendReport(request))
        let second = try ReportJSON.data(sampleLog().dataset().trendReport(request))
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("{\"by\":\"unit\",\"cells\":["))
    }

    @Test func reportCSVHasOneLinePerCellAndEmptyFiguresWhenSuppressed() throws {
        let report = try sampleLog().dataset().trendReport(
            TrendReportRequest(instrument: .who5, period: .quarter, by: .unit))
        let lines = report.csv().split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("period,group,suppressed,citizens,meanScore,medianScore,sdScore,lowWellbeing"))
        #expect(lines[0].hasSuffix(",crossedCutoff,suppression,changeSuppressed"))
        #expect(lines[2] == "2026-Q1,u2,true" + String(repeating: ",", count: 13) + ",primary,true")
        #expect(lines[3] == "2026-Q1,u3,true" + String(repeating: ",", count: 13) + ",complementary,true")
        #expect(lines[1].hasPrefix("2026-Q1,u1,false,6,50,50,"))
        // Flags 3/6, 0, 0; the change figures hidden (no pairs), so six empty fields, no suppression, `true`.
        #expect(lines[1].hasSuffix(",0.5,0,0,,,,,,,,true"))
        // Raw 10…15 → 14…19: +16 each, improved; the three at 40, 44, 48 were low and are not now.
        #expect(lines[4].hasSuffix(",6,16,1,0,0,0.5,,false"))
    }

    /// Counts elements and checks well-formedness with Foundation's XML parser.
    private final class ElementCounter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            counts[name, default: 0] += 1
        }
    }

    private func parse(_ svg: String) -> [String: Int]? {
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        return parser.parse() ? counter.counts : nil
    }

    @Test func reportSVGIsWellFormedWithOnePathPerGroup() throws {
        let report = try sampleLog().dataset().trendReport(
            TrendReportRequest(instrument: .who5, period: .quarter, by: .unit))
        let svg = report.svg(cutoff: 50)
        let counts = try #require(parse(svg))
        #expect(counts["svg"] == 1)
        #expect(counts["path"] == 3)
        #expect(
            svg.contains(
                #"<text class="note" x="48" y="352">Gaps: suppressed cells (1 primary, 1 complementary)</text>"#))
        #expect(counts["line"].map { $0 >= 1 } == true)
    }

    @Test func reportSVGShowsAtMostTwelveGroups() throws {
        var log = LogBuilder()
        for group in 0..<15 {
            for citizen in 0..<5 {
                log.record("g\(group)c\(citizen)", "2026-01-10", who5(raw: 12), unit: "unit-\(group)")
            }
        }
        let report = try log.dataset().trendReport(TrendReportRequest(instrument: .who5, period: .quarter, by: .unit))
        #expect(parse(report.svg(cutoff: 50))?["path"] == 12)
    }

    @Test func trajectorySVGIsWellFormedWithOnePathPerInstrument() throws {
        var log = sampleLog()
        log.record("a0", "2026-02-10", [1, 2, 3, 4, 0], instrument: .briefInspireO)
        let trajectory = try #require(try log.dataset().trajectory(of: CitizenID(rawValue: "a0")!))
        let counts = try #require(parse(trajectory.svg()))
        #expect(counts["path"] == 2)
    }

    @Test func trajectoryAndSummaryEncodeToJSON() throws {
        let dataset = try sampleLog().dataset()
        let trajectoryValue = try #require(dataset.trajectory(of: CitizenID(rawValue: "a1")!))
        let trajectory = try #require(try json(trajectoryValue) as? [String: Any])
        #expect(trajectory["citizen"] as? String == "a1")
        let points = try #require(
            ((trajectory["instruments"] as? [[String: Any]])?.first?["points"]) as? [[String: Any]])
        #expect(points.map { $0["score"] as? Int } == [44, 60])
        #expect(points[0]["administeredAt"] as? String == "2026-01-10")
        let summaryValue = try #require(
            dataset.summary(
                of: CitizenID(rawValue: "a1")!, since: CalendarDate(iso8601: "2026-03-01")!,
                asOf: CalendarDate(iso8601: "2026-05-01")!))
        let summary = try #require(try json(summaryValue) as? [String: Any])
        #expect(summary["since"] as? String == "2026-03-01")
        let text = (summary["instruments"] as? [[String: Any]])?.first?["text"] as? [String: String]
        #expect(text?["en"] == "WHO-5 rose from 44 to 60 since 2026-03-01: improved, no longer low wellbeing")
    }
}
