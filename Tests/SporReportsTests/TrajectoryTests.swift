import Foundation
import SporInstruments
import SporReports
import Testing

@Suite struct TrajectoryTests {
    /// c: WHO-5 on 01-10 (36), 02-10 incomplete, 03-10 (52, corrected from 20), 04-10 retracted (100), plus INSPIRE-O.
    private func log() -> (LogBuilder, retracted: UUID) {
        var log = LogBuilder()
        log.record("c", "2026-03-10", who5(raw: 5))
        log.record("c", "2026-01-10", who5(raw: 9), unit: "u1")
        log.record("c", "2026-02-10", [3, nil, 3, 3, 3])
        let retracted = log.record("c", "2026-04-10", who5(raw: 25))
        log.record("c", "2026-01-12", [1, 2, 3, 4, 0], instrument: .briefInspireO)
        log.record("other", "2026-01-10", who5(raw: 20))
        log.correct(UUID(uuidString: "00000000-0000-4000-8000-000000000000")!, "c", "2026-03-10", who5(raw: 13))
        log.retract(retracted)
        return (log, retracted)
    }

    @Test func pointsAreInDateOrderWithChangesFromPreviousAndBaseline() throws {
        let trajectory = try #require(try log().0.dataset().trajectory(of: CitizenID(rawValue: "c")!))
        #expect(trajectory.instruments.map(\.instrument) == [.briefInspireO, .who5])
        let who5 = try #require(trajectory.instruments.last)
        #expect(who5.threshold == 10)
        #expect(who5.cutoff == 50)
        #expect(who5.points.map(\.administeredAt.description) == ["2026-01-10", "2026-02-10", "2026-03-10"])
        #expect(who5.points.map(\.score) == [36, nil, 52])
        #expect(who5.points.map(\.complete) == [true, false, true])
        #expect(who5.points[1].flags == [.incomplete])
        #expect(who5.points.map(\.baseline) == [true, false, false])
        #expect(who5.points.map(\.corrected) == [false, false, true])
        #expect(who5.points[0].unit == "u1")
        #expect(who5.points[0].changeSincePrevious == nil)
        #expect(who5.points[1].changeSincePrevious == nil)
        let change = try #require(who5.points[2].changeSincePrevious)
        #expect(change.delta == 16)
        #expect(change.direction == .improved)
        #expect(change.crossedCutoff)
        #expect(who5.points[2].changeSinceBaseline == change)
        #expect(who5.points[0].flags == [.lowWellbeing, .itemAtFloor])  // 2 2 2 2 1
        #expect(who5.points.allSatisfy { $0.revisions == nil })
    }

    @Test func inspirePointsCarryTheChimeProfile() throws {
        let trajectory = try #require(
            try log().0.dataset().trajectory(
                of: CitizenID(rawValue: "c")!, instrument: .briefInspireO))
        #expect(trajectory.instruments.count == 1)
        let point = try #require(trajectory.instruments.first?.points.first)
        #expect(point.score == 50)
        #expect(point.raw == 10)
        #expect(point.chime?.map(\.domain) == ["connectedness", "hope", "identity", "meaning", "empowerment"])
        #expect(point.chime?.map(\.value) == [1, 2, 3, 4, 0])
    }

    @Test func historyShowsRetractedResponsesAndRevisions() throws {
        let (log, retracted) = log()
        let trajectory = try #require(
            try log.dataset().trajectory(
                of: CitizenID(rawValue: "c")!, instrument: .who5, history: true))
        let points = try #require(trajectory.instruments.first?.points)
        #expect(points.count == 4)
        let last = try #require(points.last)
        #expect(last.id == retracted)
        #expect(last.retracted)
        #expect(last.changeSincePrevious == nil)
        #expect(last.revisions?.map(\.kind) == [.recorded, .retracted])
        #expect(points[2].revisions?.map(\.kind) == [.recorded, .corrected])
        #expect(points[2].revisions?.first?.response?.answers == who5(raw: 5))
        #expect(points[2].revisions?.last?.reason == "typo")
        #expect(points[0].revisions?.map(\.kind) == [.recorded])
    }

    @Test func unknownCitizenHasNoTrajectory() throws {
        #expect(try log().0.dataset().trajectory(of: CitizenID(rawValue: "nobody")!) == nil)
    }

    @Test func correctionToAnotherCitizenMovesTheResponse() throws {
        var log = LogBuilder()
        let id = log.record("a", "2026-01-10", who5(raw: 10))
        log.record("a", "2026-02-10", who5(raw: 12))
        log.correct(id, "b", "2026-01-10", who5(raw: 10))
        let dataset = try log.dataset()
        #expect(dataset.trajectory(of: CitizenID(rawValue: "a")!)?.instruments.first?.points.count == 1)
        #expect(dataset.trajectory(of: CitizenID(rawValue: "b")!)?.instruments.first?.points.map(\.id) == [id])
    }
}
