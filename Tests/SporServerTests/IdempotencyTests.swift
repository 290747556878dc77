import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct IdempotencyTests {
    @Test func sameIDTwiceIsAnsweredWithTheStoredResponse() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let body = responseJSON(id: UUID())
            let first = try await client.post("/v1/responses", token: fixture.tokens["staff"], body: body)
            #expect(first.status == .created)
            #expect(first.headers[.location] == "/v1/responses/\(first.json["id"] as? String ?? "")")
            let second = try await client.post("/v1/responses", token: fixture.tokens["staff"], body: body)
            #expect(second.status == .ok)
            #expect(second.text == first.text)
            #expect(await fixture.records() == 1)
        }
    }

    @Test func sameIDWithOtherContentIsAConflict() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let id = UUID()
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["admin"], body: responseJSON(id: id))
                    .status == .created)
            let other = try await client.post(
                "/v1/responses", token: fixture.tokens["admin"], body: responseJSON(id: id, answers: "[0,0,0,0,0]"))
            #expect(other.status == .conflict)
            #expect(other.json["type"] as? String == "https://spor.example/problems/conflict")
            // A batch holding the conflicting id writes nothing at all.
            let batch = #"{"responses":[\#(responseJSON()),\#(responseJSON(id: id, answers: "[1,1,1,1,1]"))]}"#
            #expect(
                try await client.post("/v1/responses/batch", token: fixture.tokens["admin"], body: batch).status
                    == .conflict)
            #expect(await fixture.records() == 1)
        }
    }

    @Test func concurrentDuplicatesAreStoredOnce() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let body = responseJSON(id: UUID())
            let token = fixture.tokens["staff"]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<32 {
                    group.addTask { Int(try await client.post("/v1/responses", token: token, body: body).status.code) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 200 }.count == 31)
            #expect(await fixture.records() == 1)
        }
    }

    @Test func aRepeatedBatchIsAnsweredWithoutWriting() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let batch = #"{"responses":[\#(responseJSON(id: UUID())),\#(responseJSON(id: UUID(), citizen: "c-2"))]}"#
            let first = try await client.post("/v1/responses/batch", token: fixture.tokens["staff"], body: batch)
            #expect(first.status == .created)
            #expect(
                (first.json["results"] as? [[String: Any]])?.map { $0["status"] as? String } == ["created", "created"])
            let second = try await client.post("/v1/responses/batch", token: fixture.tokens["staff"], body: batch)
            #expect(second.status == .ok)
            #expect(
                (second.json["results"] as? [[String: Any]])?.map { $0["status"] as? String } == [
                    "alreadyStored", "alreadyStored",
                ])
            #expect(await fixture.records() == 2)
        }
    }
}
