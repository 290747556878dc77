import Foundation
import SporApplication
import SporInstruments
import Testing

/// The promises every store keeps (docs/postgresql.md), checked through the use cases a daemon runs: an append is
/// stored and read back, a batch is all or nothing, the same response again is answered with the stored one, other
/// content under its id is a conflict, corrections and retractions follow their rules, the chain verifies, and a
/// record changed behind the store's back is found.
struct StoreContract {
    /// The store under test.
    struct Store {
        /// A daemon's use cases on the store.
        var spor: UseCases
        /// Walks the chain: the records intact and whether all are.
        var verify: () async throws -> (records: UInt64, intact: Bool)
        /// Closes the store and changes the record with this sequence number behind its back.
        var tamper: (_ sequence: Int) async throws -> Void
    }

    static let unit = Label(rawValue: "nord")!

    static func draft(id: UUID, citizen: Int, answers: [Int?] = [3, 4, 2, 3, 1]) -> ResponseDraft {
        ResponseDraft(
            id: id, citizen: .id(CitizenID(rawValue: "c-\(citizen)")!), instrument: .who5,
            administeredAt: CalendarDate(year: 2026, month: 3, day: 1 + citizen % 28)!, answers: answers, unit: unit)
    }

    static func run(_ store: Store) async throws {
        let spor = store.spor
        let first = UUID()
        let second = UUID()

        // Append, and read back at once.
        let recorded = try await spor.record(draft(id: first, citizen: 1), by: .cli())
        #expect(recorded.created)
        #expect(recorded.stored.response.answers == [3, 4, 2, 3, 1])

        // Idempotency: the same response again is answered with the stored one, nothing written.
        let again = try await spor.record(draft(id: first, citizen: 1), by: .cli())
        #expect(!again.created)
        #expect(again.stored.response == recorded.stored.response)

        // Conflict: other content under the same id.
        await #expect(throws: UseCaseError.self) {
            try await spor.record(draft(id: first, citizen: 1, answers: [0, 0, 0, 0, 0]), by: .cli())
        }
        let conflict = await code {
            try await spor.record(draft(id: first, citizen: 1, answers: [0, 0, 0, 0, 0]), by: .cli())
        }
        #expect(conflict == .conflict)

        // A batch is all or nothing: its conflicting second response keeps the first out too.
        let batch = await code {
            try await spor.recordBatch(
                [draft(id: second, citizen: 2), draft(id: first, citizen: 1, answers: [1, 1, 1, 1, 1])], by: .cli())
        }
        #expect(batch == .conflict)
        #expect(try await spor.record(draft(id: second, citizen: 2), by: .cli()).created)

        // A correction stores a new version; a retraction takes the response out; neither applies after it.
        let corrected = try await spor.correct(
            first, answers: .array([.integer(5), .integer(5), .integer(5), .integer(5), .integer(5)]),
            administeredAt: nil, reason: "entered on the wrong form", by: .cli(), via: "contract test")
        #expect(corrected.response.answers == [5, 5, 5, 5, 5])
        #expect(!(try await spor.record(draft(id: first, citizen: 1), by: .cli()).created))
        // A recording is held to the response as first recorded: the corrected content under its id is a conflict.
        let likeTheCorrection = await code {
            try await spor.record(draft(id: first, citizen: 1, answers: [5, 5, 5, 5, 5]), by: .cli())
        }
        #expect(likeTheCorrection == .conflict)
        let retracted = try await spor.retract(first, reason: "wrong citizen", by: .cli())
        #expect(retracted.isRetracted)
        #expect(await code { try await spor.retract(first, reason: "again", by: .cli()) } == .conflict)
        let correctRetracted = await code {
            try await spor.correct(
                first, answers: nil, administeredAt: .string("2026-03-03"), reason: "late", by: .cli(), via: "test")
        }
        #expect(correctRetracted == .conflict)
        #expect(await code { try await spor.retract(UUID(), reason: "unknown", by: .cli()) } == .notFound)

        // Four records: two recordings, a correction and a retraction; the chain holds.
        let verified = try await store.verify()
        #expect(verified.records == 4)
        #expect(verified.intact)

        // A record changed behind the store's back is found.
        try await store.tamper(1)
        let tampered = try await store.verify()
        #expect(!tampered.intact)
        #expect(tampered.records < 4)
    }

    /// The use-case error code `body` throws, `nil` when it throws none.
    static func code(_ body: () async throws -> some Any) async -> UseCaseError.Code? {
        do {
            _ = try await body()
            return nil
        } catch let error as UseCaseError {
            return error.code
        } catch {
            Issue.record("not a use-case error: \(error)")
            return nil
        }
    }
}
