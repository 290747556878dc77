import Foundation
import SporInstruments
import SporReports
import Testing

/// What a running server asks the dataset after a write and for staff's unit rule.
@Suite struct LookupTests {
    @Test func storedIsTheCurrentVersion() throws {
        var log = LogBuilder()
        let first = log.record("c-1", "2026-01-10", who5(raw: 10), unit: "u1")
        let second = log.record("c-1", "2026-02-10", who5(raw: 12), unit: "u1")
        log.correct(first, "c-1", "2026-01-11", who5(raw: 20), unit: "u1")
        log.retract(second)
        let dataset = try log.dataset()
        let corrected = try #require(dataset.stored(first))
        #expect(corrected.response.answers == who5(raw: 20))
        #expect(corrected.response.administeredAt.description == "2026-01-11")
        #expect(corrected.definitionVersion == "1")
        #expect(!corrected.isRetracted)
        #expect(corrected.recordedSequence == 0)
        #expect(dataset.stored(second)?.isRetracted == true)
        #expect(dataset.stored(UUID()) == nil)
    }

    /// What a recording of an id is decided against: the response as first recorded, whatever came after.
    @Test func recordedIsTheFirstVersionThroughCorrectionsAndRetraction() throws {
        var log = LogBuilder()
        let first = log.record("c-1", "2026-01-10", who5(raw: 10), unit: "u1")
        let second = log.record("c-1", "2026-02-10", who5(raw: 12), unit: "u1")
        let untouched = log.record("c-2", "2026-02-10", who5(raw: 7))
        log.correct(first, "c-1", "2026-01-11", who5(raw: 20), unit: "u1")
        log.correct(first, "c-1", "2026-01-12", who5(raw: 21), unit: "u1")
        log.retract(second)
        let dataset = try log.dataset()
        let original = try #require(dataset.recorded(first))
        #expect(original.answers == who5(raw: 10))
        #expect(original.administeredAt.description == "2026-01-10")
        #expect(dataset.stored(first)?.response.answers == who5(raw: 21))
        #expect(dataset.recorded(second)?.answers == who5(raw: 12))
        #expect(dataset.recorded(untouched) == dataset.stored(untouched)?.response)
        #expect(dataset.recorded(UUID()) == nil)
    }

    @Test func aScopeShowsOnlyTheResponsesOfItsUnitsAndComputesChangesFromThem() throws {
        var log = LogBuilder()
        log.record("c-1", "2026-01-10", who5(raw: 5), unit: "other")
        let own = log.record("c-1", "2026-02-10", who5(raw: 10), unit: "own")
        log.record("c-1", "2026-03-10", who5(raw: 20), unit: "own")
        log.record("c-2", "2026-01-10", who5(raw: 10), unit: "other")
        log.record("c-3", "2026-01-10", who5(raw: 10))
        let dataset = try log.dataset()
        let scope = ResponseScope.units([Label(rawValue: "own")!])
        let citizen = { (name: String) in CitizenID(rawValue: name)! }
        let points = try #require(dataset.trajectory(of: citizen("c-1"), scope: scope)?.instruments.first?.points)
        #expect(points.map(\.unit) == ["own", "own"])
        #expect(points.first?.id == own && points.first?.baseline == true)
        #expect(points.last?.changeSinceBaseline?.delta == 40)
        let all = try #require(dataset.trajectory(of: citizen("c-1"))?.instruments.first?.points)
        #expect(all.count == 3 && all.last?.changeSinceBaseline?.delta == 60)
        #expect(dataset.trajectory(of: citizen("c-2"), scope: scope) == nil)
        #expect(dataset.trajectory(of: citizen("c-3"), scope: scope) == nil)
        let summary = try #require(
            dataset.summary(
                of: citizen("c-1"), since: CalendarDate(iso8601: "2026-03-01")!,
                asOf: CalendarDate(iso8601: "2026-03-31")!,
                scope: scope))
        #expect(summary.instruments.first?.baseline?.id == own)
        #expect(
            dataset.summary(
                of: citizen("c-2"), since: CalendarDate(iso8601: "2026-01-01")!,
                asOf: CalendarDate(iso8601: "2026-03-31")!, scope: scope) == nil)
    }
}
