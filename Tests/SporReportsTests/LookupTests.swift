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

    @Test func staffSeeCitizensWithALiveResponseInTheirUnits() throws {
        var log = LogBuilder()
        let moved = log.record("c-1", "2026-01-10", who5(raw: 10), unit: "u1")
        let retracted = log.record("c-2", "2026-01-10", who5(raw: 10), unit: "u2")
        log.record("c-3", "2026-01-10", who5(raw: 10))
        log.correct(moved, "c-1", "2026-01-10", who5(raw: 10), unit: "u3")
        log.retract(retracted)
        let dataset = try log.dataset()
        let units = { (names: [String]) in Set(names.map { Label(rawValue: $0)! }) }
        let citizen = { (name: String) in CitizenID(rawValue: name)! }
        #expect(dataset.hasResponse(of: citizen("c-1"), inAnyOf: units(["u3"])))
        #expect(!dataset.hasResponse(of: citizen("c-1"), inAnyOf: units(["u1"])))  // corrected to another unit
        #expect(!dataset.hasResponse(of: citizen("c-2"), inAnyOf: units(["u2"])))  // retracted
        #expect(!dataset.hasResponse(of: citizen("c-3"), inAnyOf: units(["u1", "u2", "u3"])))  // no unit
        #expect(!dataset.hasResponse(of: citizen("c-9"), inAnyOf: units(["u1"])))  // unknown
        #expect(!dataset.hasResponse(of: citizen("c-1"), inAnyOf: []))
    }
}
