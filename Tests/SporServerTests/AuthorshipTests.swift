import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporLog
import SporReports
import SporTesting
import Synchronization
import Testing

@testable import SporApplication
@testable import SporServer

/// Every write through the API and the web pages names its author, the token's name and role, in the log; the
/// citizen page shows who recorded and corrected each response.
@Suite struct AuthorshipTests {
    /// The type and author of each event of the response, read from the log on disk.
    static func logged(_ fixture: Fixture, _ id: UUID) throws -> [String] {
        var events: [String] = []
        _ = try LogVerifier.verify(folder: fixture.folder.url) { entry, _ in
            if entry.event.responseID == id { events.append("\(entry.event.typeName) \(entry.author)") }
        }
        return events
    }

    /// The authors of the response's revisions, as the running server's dataset holds them.
    static func revisionAuthors(_ fixture: Fixture, _ id: UUID) throws -> [String] {
        try fixture.storage.read { $0.revisions(of: id) }.map(\.author.description)
    }

    @Test func theAPISignsRecordCorrectRetractAndBatchWithTheToken() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let id = UUID()
            let path = "/v1/responses/\(id.uuidString.lowercased())"
            let recorded = try await client.post(
                "/v1/responses", token: fixture.tokens["staff"], body: responseJSON(id: id))
            #expect(recorded.status == .created)
            let correction = #"{"answers":[3,4,2,3,2],"reason":"tastefejl"}"#
            let corrected = try await client.post(
                path + "/correction", token: fixture.tokens["admin"], body: correction)
            #expect(corrected.status == .ok)
            let retracted = try await client.post(
                path + "/retraction", token: fixture.tokens["staff"], body: #"{"reason":"forkert borger"}"#)
            #expect(retracted.status == .ok)
            let events = try Self.logged(fixture, id)
            #expect(
                events == [
                    "responseRecorded staff (staff)", "responseCorrected admin (admin)",
                    "responseRetracted staff (staff)",
                ])
            #expect(try Self.revisionAuthors(fixture, id) == ["staff (staff)", "admin (admin)", "staff (staff)"])

            let first = UUID()
            let second = UUID()
            let batch =
                "{\"responses\":[" + responseJSON(id: first) + "," + responseJSON(id: second, citizen: "c-2") + "]}"
            let stored = try await client.post("/v1/responses/batch", token: fixture.tokens["admin"], body: batch)
            #expect(stored.status == .created)
            let batchEvents = try Self.logged(fixture, first) + Self.logged(fixture, second)
            #expect(batchEvents == ["responseRecorded admin (admin)", "responseRecorded admin (admin)"])
        }
    }

    @Test func theWebFormsSignWithTheSignedInTokenAndTheCitizenPageShowsWho() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            _ = try await staff.get(client, "/responses/new")
            let fields = WebResponsePageTests.who5(citizen: "c-web")
            #expect(try await staff.post(client, "/responses", fields).status == .seeOther)
            let id = try #require(UUID(uuidString: fields.first { $0.0 == "id" }!.1))

            var admin = try await Browser.signedIn(client, token: fixture.tokens["admin"])
            _ = try await admin.get(client, "/responses/\(id.uuidString.lowercased())/correction")
            let correction =
                WebResponsePageTests.answers([3, 3, 3, 3, 3])
                + [("administeredAt", "2026-06-01"), ("reason", "typed the wrong answer")]
            #expect(
                try await admin.post(client, "/responses/\(id.uuidString.lowercased())/correction", correction).status
                    == .seeOther)
            let page = try await staff.get(client, "/citizens/c-web?lang=en")
            #expect(page.text.contains("<th scope=\"col\">History</th>"))
            #expect(
                page.text.contains("<td>recorded by staff (staff); corrected by admin (admin)</td>"), "\(page.text)")

            _ = try await staff.get(client, "/responses/\(id.uuidString.lowercased())/retraction")
            #expect(
                try await staff.post(
                    client, "/responses/\(id.uuidString.lowercased())/retraction", ["reason": "wrong citizen"]
                ).status == .seeOther)
            #expect(
                try Self.logged(fixture, id) == [
                    "responseRecorded staff (staff)", "responseCorrected admin (admin)",
                    "responseRetracted staff (staff)",
                ])
        }
    }
}
