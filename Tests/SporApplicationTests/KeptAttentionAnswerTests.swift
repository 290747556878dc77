import Foundation
import Logging
import SporInstruments
import SporTesting
import Synchronization
import Testing

@testable import SporApplication
@testable import SporReports

/// An attention list asked for again is answered from the one made last time only while no write came since: the
/// same list again without a read of the responses, and a recording or retraction in between is in the next one.
@Suite struct KeptAttentionAnswerTests {
    static let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let today = CalendarDate(year: 2026, month: 6, day: 30)!

    static func draft(_ citizen: String, _ answers: [Int?]) -> ResponseDraft {
        ResponseDraft(
            id: nil, citizen: .id(CitizenID(rawValue: citizen)!), instrument: .who5,
            administeredAt: CalendarDate(year: 2026, month: 6, day: 20)!, answers: answers,
            unit: Label(rawValue: "nord")!)
    }

    @Test(.timeLimit(.minutes(5)))
    func theSameListIsAnsweredAgainUntilAWriteComes() async throws {
        let folder = try TemporaryFolder(prefix: "spor-kept-answer")
        defer { folder.remove() }
        let storage = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        let spor = UseCases(folder: storage, today: { Self.today })
        let caseworker = Caller.token(Identity(name: "cw", role: .caseworker, units: []))
        _ = try await spor.record(Self.draft("c-well", [4, 4, 4, 4, 4]), by: .cli())
        let reads = Mutex(0)
        storage.holdLongReads { reads.withLock { $0 += 1 } }

        let first = try await spor.attentionList(by: caseworker, via: "test")
        #expect(first.total == 0)
        let readsForFirst = reads.withLock { $0 }
        #expect(readsForFirst == 1)
        #expect(try await spor.attentionList(by: caseworker, via: "test") == first)
        #expect(reads.withLock { $0 } == readsForFirst)

        let low = try await spor.record(Self.draft("c-low", [0, 1, 0, 1, 0]), by: .cli())
        let second = try await spor.attentionList(by: caseworker, via: "test")
        #expect(second.entries.map(\.citizen) == ["c-low"])
        #expect(reads.withLock { $0 } == readsForFirst + 1)

        _ = try await spor.retract(low.stored.response.id, reason: "entered in error", by: .cli())
        #expect(try await spor.attentionList(by: caseworker, via: "test") == first)
        // Another limit is another list.
        #expect(try await spor.attentionList(limit: 1, by: caseworker, via: "test").total == 0)
        #expect(reads.withLock { $0 } == readsForFirst + 3)
        await storage.close()
    }
}
