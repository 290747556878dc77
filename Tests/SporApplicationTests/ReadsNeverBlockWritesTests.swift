import Dispatch
import Foundation
import Logging
import SporInstruments
import SporReports
import SporTesting
import Synchronization
import Testing

@testable import SporApplication

/// A report held open does not hold up writes: the write is acknowledged (with its stored version) while the
/// report still holds the responses, and every read begun after the write sees it.
@Suite struct ReadsNeverBlockWritesTests {
    static let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func draft(_ index: Int, id: UUID? = nil) -> ResponseDraft {
        ResponseDraft(
            id: id, citizen: .id(CitizenID(rawValue: "c-\(index % 9)")!), instrument: .who5,
            administeredAt: CalendarDate(year: 2026, month: 1 + index % 6, day: 1 + index % 28)!,
            answers: [index % 6, 3, 2, 3, 1], unit: Label(rawValue: "nord")!)
    }

    /// Blocks the long reads that run while it is closed; tells when the first one is inside.
    final class Gate: Sendable {
        let entered = DispatchSemaphore(value: 0)
        let open = DispatchSemaphore(value: 0)
        private let holding = Mutex(true)

        func hold() {
            guard holding.withLock({ $0 }) else { return }
            entered.signal()
            open.wait()
        }

        func release() {
            holding.withLock { $0 = false }
            open.signal()
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aWriteCompletesWhileAReportIsHeldOpen() async throws {
        let folder = try TemporaryFolder(prefix: "spor-reads-writes")
        defer { folder.remove() }
        let storage = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        let spor = UseCases(folder: storage, today: { CalendarDate(year: 2026, month: 12, day: 31)! })
        for index in 0..<40 { _ = try await spor.record(Self.draft(index), by: .cli()) }

        let gate = Gate()
        storage.holdLongReads { gate.hold() }
        let report = Task {
            try await spor.trendReport(
                TrendReportRequest(instrument: .who5, period: .quarter, by: .unit, minCell: 1, allowSmallCells: true),
                by: .cli(), via: "test")
        }
        // Wait (on a thread of its own: neither the cooperative threads nor dispatch's pool, which a full parallel
        // test run keeps busy) until the report holds the responses.
        await withCheckedContinuation { continuation in
            Thread {
                gate.entered.wait()
                continuation.resume()
            }.start()
        }

        // Writes made while it is held: a new response, a correction and a retraction, each acknowledged with its
        // stored version.
        let id = UUID()
        let recorded = try await spor.record(Self.draft(100, id: id), by: .cli())
        #expect(recorded.created)
        #expect(recorded.stored.response.id == id)
        #expect(recorded.stored.response.answers == [4, 3, 2, 3, 1])
        let again = try await spor.record(Self.draft(100, id: id), by: .cli())
        #expect(!again.created)
        let stored = try await storage.stored(id)
        #expect(stored?.response.id == id && stored?.isRetracted == false)

        // Only now is the report let go: the writes above completed while it held the responses.
        gate.release()
        _ = try await report.value
        storage.holdLongReads(nil)

        // A read begun after the write sees it.
        #expect(try await storage.read(long: true) { $0.count } == 41)
        await storage.close()
    }

    @Test func aDuplicateOfAWriteInFlightWaitsForItWithoutPolling() async throws {
        let folder = try TemporaryFolder(prefix: "spor-duplicates")
        defer { folder.remove() }
        let storage = try DataFolder(url: folder.url, mode: .serving, logger: Self.logger)
        let spor = UseCases(folder: storage)
        let id = UUID()
        let results = try await withThrowingTaskGroup(of: UseCases.Recorded.self) { group in
            for _ in 0..<20 { group.addTask { try await spor.record(Self.draft(3, id: id), by: .cli()) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter(\.created).count == 1)
        #expect(Set(results.map(\.stored.response.id)) == [id])
        #expect(try await storage.read(long: false) { $0.count } == 1)
        await storage.close()
    }
}
