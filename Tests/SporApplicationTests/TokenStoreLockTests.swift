import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication

@Suite struct TokenStoreLockTests {
    /// Creates and revokes from two stores on one folder at once (as a command and the daemon would): every
    /// revocation and every creation survives, and the file always parses.
    @Test func concurrentCreatesAndRevokesLoseNothing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let setup = TokenStore(folder: folder.url)
        for index in 0..<40 { _ = try setup.create(name: "old-\(index)", role: .caseworker, units: []) }
        let stores = [TokenStore(folder: folder.url), TokenStore(folder: folder.url)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask { try stores[index % 2].revoke(name: "old-\(index)") }
                group.addTask {
                    _ = try stores[(index + 1) % 2].create(name: "new-\(index)", role: .strategic, units: [])
                }
                group.addTask { _ = try stores[index % 2].list() }
            }
            try await group.waitForAll()
        }
        let records = try setup.list()
        #expect(records.count == 80)
        #expect(records.filter { $0.name.hasPrefix("old-") }.allSatisfy { $0.revoked != nil })
        #expect(Set(records.filter { $0.name.hasPrefix("new-") }.map(\.name)) == Set((0..<40).map { "new-\($0)" }))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.contains(".tmp")
        }
        #expect(leftovers.isEmpty)
    }
}
