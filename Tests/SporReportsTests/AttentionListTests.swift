import Foundation
import SporInstruments
import SporReports
import Testing

@Suite struct AttentionListTests {
    private let asOf = CalendarDate(iso8601: "2026-06-30")!

    private func list(_ log: LogBuilder, units: Set<String>? = nil, silenceDays: Int = 120) throws -> AttentionList {
        let scope = units.map { ResponseScope.units(Set($0.map { Label(rawValue: $0)! })) } ?? .all
        return try log.dataset().attentionList(scope: scope, asOf: asOf, silenceDays: silenceDays)
    }

    @Test func aLimitGivesTheMostUrgentWithTheirTextsAndTheTotal() throws {
        var log = LogBuilder()
        for index in 0..<30 {
            log.record("c-\(index)", "2026-0\(1 + index % 5)-01", who5(raw: index % 9), unit: "u\(index % 3)")
            log.record("c-\(index)", "2026-06-0\(1 + index % 9)", who5(raw: (index * 7) % 26), unit: "u\(index % 3)")
        }
        let dataset = try log.dataset()
        let all = dataset.attentionList(scope: .all, asOf: asOf)
        #expect(all.total == all.entries.count && all.total > 10)
        let first = dataset.attentionList(scope: .all, asOf: asOf, limit: 7)
        #expect(first.total == all.total)
        #expect(first.entries == Array(all.entries.prefix(7)))
        #expect(first.entries.allSatisfy { $0.reasons.allSatisfy { !$0.text.da.isEmpty && !$0.text.en.isEmpty } })
    }

    @Test func eachRuleGivesItsReason() throws {
        var log = LogBuilder()
        // Deteriorated: 64 → 48 (−16 ≥ 10), no item at the floor.
        log.record("fell", "2026-05-01", who5(raw: 16))
        log.record("fell", "2026-06-01", who5(raw: 12))
        // Very low wellbeing (28) with items at the floor; one response, so no change.
        log.record("verylow", "2026-06-01", [1, 2, 1, 2, 1])
        // Brief INSPIRE-O below the cut-off (45 < 50) and falling (50 → 45, less than the threshold 8).
        log.record("falling", "2026-05-01", [2, 2, 2, 2, 2], instrument: .briefInspireO)
        log.record("falling", "2026-06-01", [2, 2, 2, 2, 1], instrument: .briefInspireO)
        // Below the cut-off but rising: not listed.
        log.record("rising", "2026-05-01", [1, 1, 1, 1, 1], instrument: .briefInspireO)
        log.record("rising", "2026-06-01", [1, 1, 1, 2, 2], instrument: .briefInspireO)
        // Silent for 121 days (listed) and for exactly 120 (not listed).
        log.record("silent", "2026-03-01", who5(raw: 20))
        log.record("quiet", "2026-03-02", who5(raw: 20))
        let entries = try list(log).entries
        let reasons = Dictionary(uniqueKeysWithValues: entries.map { ($0.citizen, $0.reasons.map(\.code)) })
        #expect(reasons["fell"] == [.deteriorated])
        #expect(reasons["verylow"] == [.veryLowWellbeing, .itemAtFloor])
        #expect(reasons["falling"] == [.belowCutoffAndFalling])
        #expect(reasons["silent"] == [.noRecentResponse])
        #expect(reasons["rising"] == nil)
        #expect(reasons["quiet"] == nil)
        #expect(entries.map(\.citizen) == ["verylow", "fell", "falling", "silent"])
        let fell = try #require(entries.first { $0.citizen == "fell" }?.reasons.first)
        #expect(fell.change == -16)
        #expect(fell.score == 48)
        #expect(fell.text.en == "WHO-5 fell 16 points to 48 since the previous response")
        #expect(fell.text.da == "WHO-5 faldt 16 point til 48 siden forrige besvarelse")
        let silent = try #require(entries.first { $0.citizen == "silent" }?.reasons.first)
        #expect(silent.text.en == "No response for 121 days (latest on 2026-03-01)")
    }

    @Test func moreReasonsAndLargerFallsComeFirst() throws {
        var log = LogBuilder()
        log.record("small", "2026-05-01", who5(raw: 20))
        log.record("small", "2026-06-01", who5(raw: 17))  // −12
        log.record("large", "2026-05-01", who5(raw: 20))
        log.record("large", "2026-06-01", who5(raw: 14))  // −24
        log.record("two", "2026-01-01", who5(raw: 20))
        log.record("two", "2026-02-01", who5(raw: 17))  // −12, and silent
        #expect(try list(log).entries.map(\.citizen) == ["two", "large", "small"])
    }

    @Test func retractedResponsesAndOtherUnitsAreLeftOut() throws {
        var log = LogBuilder()
        log.record("c", "2026-05-01", who5(raw: 20), unit: "nord")
        let wrong = log.record("c", "2026-06-01", who5(raw: 5), unit: "nord")
        log.retract(wrong)
        log.record("syd", "2026-06-01", who5(raw: 5), unit: "syd")
        #expect(try list(log).entries.map(\.citizen) == ["syd"])
        #expect(try list(log, units: ["nord"]).entries.isEmpty)
        #expect(try list(log, units: ["syd"]).entries.map(\.unit) == ["syd"])
        #expect(try list(log, units: ["elsewhere"]).entries.isEmpty)
    }

    @Test func theSilenceLimitIsConfigurable() throws {
        var log = LogBuilder()
        log.record("c", "2026-06-01", who5(raw: 20))
        #expect(try list(log).entries.isEmpty)
        let listed = try list(log, silenceDays: 28)
        #expect(listed.silenceDays == 28)
        #expect(listed.entries.first?.reasons.map(\.code) == [.noRecentResponse])
    }
}
