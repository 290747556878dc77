import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SporInstruments
import SporLog
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct DemoDataTests {
    @Test func theDemoFolderServesEveryUserGroup() async throws {
        let folder = try TemporaryFolder(prefix: "spor-demo")
        defer { folder.remove() }
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let summary = try await DemoData.populate(folder: folder.url, logger: logger, today: Fixture.today)
        #expect(summary.responses == 192)
        #expect(summary.tokens.map(\.role) == Role.allCases)
        await #expect(throws: DemoData.DemoError.self) {
            try await DemoData.populate(folder: folder.url, logger: logger, today: Fixture.today)
        }
        let tokens = Dictionary(uniqueKeysWithValues: summary.tokens.map { ($0.role, $0.token) })
        let storage = try DataFolder(url: folder.url, mode: .serving, logger: logger)
        let spor = UseCases(folder: storage, today: { Fixture.today })
        let app = Application(router: buildRouter(spor: spor, logger: logger), logger: logger)
        try await app.test(.router) { client in
            let body = responseJSON(citizen: summary.citizen.rawValue, date: "2026-06-30", unit: DemoData.units[0])
            #expect(try await client.post("/v1/responses", token: tokens[.staff], body: body).status == .created)
            #expect(
                try await client.get("/v1/citizens/\(summary.citizen)/trajectory", token: tokens[.staff]).status == .ok)
            #expect(
                try await client.get(
                    "/v1/citizens/\(summary.citizen)/summary?since=2026-03-01", token: tokens[.caseworker]
                ).status == .ok)
            let trends = try await client.get("/v1/reports/trends?instrument=who5&by=unit", token: tokens[.strategic])
            #expect(trends.status == .ok)
            #expect((trends.json["cells"] as? [[String: Any]])?.contains { $0["suppressed"] as? Bool == false } == true)
        }
        await storage.close()
    }
}
