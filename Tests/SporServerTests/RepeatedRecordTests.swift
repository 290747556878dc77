import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Review findings: a repeated record answers the current version (a read), and a role that may not record is
/// refused before its body is looked at, as the web form refuses it.
@Suite struct RepeatedRecordTests {
    @Test func aResponseSentAgainAfterACorrectionIsAnsweredAndAudited() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let id = UUID()
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["staff"], body: responseJSON(id: id))
                    .status == .created)
            #expect(try AuditTrail.read(folder: fixture.folder.url).records.isEmpty)
            let path = "/v1/responses/\(id.uuidString.lowercased())/correction"
            let corrected = try await client.post(
                path, token: fixture.tokens["staff"], body: #"{"answers":[1,1,1,1,1],"reason":"tastefejl"}"#)
            #expect(corrected.status == .ok)
            let again = try await client.post(
                "/v1/responses", token: fixture.tokens["staff"], body: responseJSON(id: id))
            #expect(again.status == .ok)
            #expect((again.json["answers"] as? [Int]) == [1, 1, 1, 1, 1])
            let lines = try AuditTrail.read(folder: fixture.folder.url).records
            #expect(lines.map(\.endpoint).last == "record: a response stored before, answered")
            #expect(lines.last?.citizen?.rawValue == "c-1")
        }
    }

    @Test func aRoleThatMayNotRecordIsRefusedWhateverItSends() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for body in [#"{"answers":"no"}"#, "not json", responseJSON()] {
                for role in ["caseworker", "strategic"] {
                    let single = try await client.post("/v1/responses", token: fixture.tokens[role], body: body)
                    let batch = try await client.post(
                        "/v1/responses/batch", token: fixture.tokens[role], body: #"{"responses":[\#(body)]}"#)
                    #expect(single.status == .forbidden && batch.status == .forbidden, "\(role)")
                }
            }
        }
    }
}

/// A role that may not do an action is told so before its input is looked at, on every route.
@Suite struct RoleBeforeInputTests {
    @Test func aRefusedRoleGets403EvenForMalformedInput() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let strategic = fixture.tokens["strategic"]
            let staff = fixture.tokens["staff"]
            let answers = [
                try await client.get("/v1/citizens/not%20an%20id/trajectory", token: strategic),
                try await client.get("/v1/citizens/c-1/summary?since=yesterday", token: strategic),
                try await client.post("/v1/citizens/resolve", token: strategic, body: "not json"),
                try await client.get("/v1/attention?limit=ten", token: strategic),
                try await client.get("/v1/reports/trends?instrument=nothing", token: staff),
                try await client.get("/v1/reports/releases/x/trends", token: staff),
                try await client.post(
                    "/v1/responses/not-a-uuid/correction", token: fixture.tokens["caseworker"], body: "{}"),
                try await client.post("/v1/responses/not-a-uuid/retraction", token: strategic, body: "{}"),
            ]
            #expect(answers.map(\.status) == Array(repeating: .forbidden, count: answers.count))
        }
    }
}
