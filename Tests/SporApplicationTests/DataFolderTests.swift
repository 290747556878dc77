import Foundation
import Logging
import SporInstruments
import SporLog
import SporTesting
import Synchronization
import Testing

@testable import SporApplication
@testable import SporReports

@Suite struct DataFolderTests {
    /// Requests of one group commit resume in any order; the dataset must still hold the rows in log order, as a
    /// replay after a restart would, so that ties and trajectories do not change across a restart.
    @Test func concurrentAppendsReachTheDatasetInLogOrder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let logger = Logger(label: "spor-test", factory: { _ in SwiftLogNoOpLogHandler() })
        let storage = try DataFolder(url: folder.url, mode: .serving, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<400 {
                group.addTask {
                    let response = Response(
                        id: UUID(), citizen: CitizenID(rawValue: "c-\(index % 7)")!, instrument: .who5,
                        administeredAt: CalendarDate(year: 2026, month: 3, day: 1)!, answers: [3, 3, 3, 3, 3])
                    let author = Author.token(
                        name: AuthorName(rawValue: "staff")!, role: AuthorName(rawValue: "staff")!)
                    _ = try await storage.append([.responseRecorded(response, definitionVersion: "1")], author: author)
                }
            }
            try await group.waitForAll()
        }
        let sequences = try storage.read { $0.sequence }
        #expect(sequences == Array(0..<400))
        await storage.close()
    }
}
