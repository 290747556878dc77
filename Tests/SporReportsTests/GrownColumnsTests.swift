import Foundation
import SporInstruments
import Testing

@testable import SporReports

/// The daemon copies the columns with more room while the dataset is only read, then swaps the copies in: the
/// dataset answers the same after, takes more rows without growing, and refuses copies that missed a row.
@Suite struct GrownColumnsTests {
    private func dataset(citizens: Int) throws -> (ResponseDataset, LogBuilder) {
        var log = LogBuilder()
        for citizen in 0..<citizens {
            log.record("c-\(citizen)", "2025-03-1\(citizen % 9)", who5(raw: citizen % 26), unit: "u\(citizen % 3)")
            log.record("c-\(citizen)", "2025-06-1\(citizen % 9)", who5(raw: (citizen * 7) % 26), unit: "u1")
        }
        return (try log.dataset(), log)
    }

    @Test func adoptedColumnsAnswerTheSameAndLeaveRoom() throws {
        var (dataset, _) = try dataset(citizens: 40)
        let asOf = CalendarDate(year: 2025, month: 12, day: 1)!
        let before = (0..<40).map { dataset.trajectory(of: CitizenID(rawValue: "c-\($0)")!) }
        let list = dataset.attentionList(scope: .all, asOf: asOf)
        let grown = dataset.grownColumns(rows: dataset.count + 1_000)
        let adopted = dataset.adopt(grown)
        #expect(adopted)
        #expect(dataset.spareRows >= 1_000)
        #expect((0..<40).map { dataset.trajectory(of: CitizenID(rawValue: "c-\($0)")!) } == before)
        #expect(dataset.attentionList(scope: .all, asOf: asOf) == list)
    }

    @Test func columnsCopiedBeforeAnotherRowAreRefused() throws {
        var (dataset, log) = try dataset(citizens: 5)
        let grown = dataset.grownColumns(rows: 100)
        var more = log
        more.record("c-new", "2025-07-01", who5(raw: 10))
        try dataset.apply(try #require(more.entries.last))
        let adopted = dataset.adopt(grown)
        #expect(!adopted)
        #expect(dataset.count == 11)
        #expect(dataset.trajectory(of: CitizenID(rawValue: "c-new")!) != nil)
    }
}
