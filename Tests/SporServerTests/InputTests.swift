import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Every kind of bad input gets its status and problem body, and nothing is written.
@Suite struct InputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var uri = "/v1/responses"
        var body: String
        var contentType = "application/json"
        var status: Int
        var kind: String
        var errors: [String] = []
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed JSON", body: #"{"citizen":"c-1","#, status: 400, kind: "malformed-json"),
        Case(name: "not an object", body: "[1,2]", status: 422, kind: "validation", errors: ["$:type"]),
        Case(
            name: "wrong types",
            body:
                #"{"citizen":7,"instrument":"who5","administeredAt":20260314,"answers":["3",4,2,3,1],"unit":"bostotte-nord"}"#,
            status: 422, kind: "validation", errors: ["citizen:type", "administeredAt:type", "answers[0]:type"]),
        Case(
            name: "unknown field", body: responseJSON().dropLast() + #","score":52}"#, status: 422, kind: "validation",
            errors: ["$:unknownField"]),
        Case(
            name: "too many answers", body: responseJSON(answers: "[3,4,2,3,1,2]"), status: 422, kind: "validation",
            errors: ["answers:count"]),
        Case(
            name: "answer out of range", body: responseJSON(answers: "[3,4,6,3,1]"), status: 422, kind: "validation",
            errors: ["answers[2]:range"]),
        Case(
            name: "future date", body: responseJSON(date: "2026-07-01"), status: 422, kind: "validation",
            errors: ["administeredAt:future"]),
        Case(
            name: "bad CPR date",
            body:
                #"{"cpr":"310290-1234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1],"unit":"bostotte-nord"}"#,
            status: 422, kind: "validation", errors: ["cpr:date"]),
        Case(
            name: "CPR in the citizen field",
            body:
                #"{"citizen":"0101901234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1],"unit":"bostotte-nord"}"#,
            status: 422, kind: "validation", errors: ["citizen:cpr"]),
        Case(
            name: "wrong content type", body: responseJSON(), contentType: "text/plain", status: 415,
            kind: "unsupported-media-type"),
        Case(
            name: "no content type", body: responseJSON(), contentType: "", status: 415, kind: "unsupported-media-type"),
        Case(
            name: "oversized body",
            body: "{\"pad\":\"" + String(repeating: "x", count: RequestLimits.singleBody) + "\"}",
            status: 413, kind: "too-large"),
        Case(
            name: "batch over 1000", uri: "/v1/responses/batch",
            body: #"{"responses":["# + Array(repeating: responseJSON(), count: 1001).joined(separator: ",") + "]}",
            status: 422, kind: "validation", errors: ["responses:count"]),
        Case(
            name: "batch with one bad response", uri: "/v1/responses/batch",
            body: #"{"responses":["# + responseJSON() + "," + responseJSON(answers: "[3,4,9,3,1]") + "]}",
            status: 422, kind: "validation", errors: ["responses[1].answers[2]:range"]),
        Case(
            name: "batch malformed", uri: "/v1/responses/batch", body: #"{"responses":["#, status: 400,
            kind: "malformed-json"),
        Case(
            name: "batch unknown field", uri: "/v1/responses/batch", body: #"{"responses":[],"x":1}"#, status: 422,
            kind: "validation",
            errors: ["$:unknownField", "responses:count"]),
        Case(
            name: "resolve bad CPR date", uri: "/v1/citizens/resolve", body: #"{"cpr":"320190-1234"}"#, status: 422,
            kind: "validation",
            errors: ["cpr:date"]),
        Case(
            name: "resolve CPR as a number", uri: "/v1/citizens/resolve", body: #"{"cpr":101901234}"#, status: 422,
            kind: "validation",
            errors: ["cpr:type"]),
        Case(
            name: "resolve malformed", uri: "/v1/citizens/resolve", body: #"{"cpr":"#, status: 400,
            kind: "malformed-json"),
    ]

    @Test(arguments: cases)
    func badInputIsRefusedAndWritesNothing(_ bad: Case) async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let response = try await client.post(
                bad.uri, token: fixture.tokens["admin"], body: bad.body, contentType: bad.contentType)
            #expect(Int(response.status.code) == bad.status)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.json["type"] as? String == "https://spor.example/problems/\(bad.kind)")
            #expect(response.json["status"] as? Int == bad.status)
            #expect(response.problemErrors == bad.errors)
            #expect(await fixture.records() == 0)
            #expect(try AuditTrail.read(folder: fixture.folder.url).records.isEmpty)
        }
    }

    @Test func badCorrectionsAndRetractionsWriteNothing() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let admin = fixture.tokens["admin"]
            let id = UUID().uuidString.lowercased()
            #expect(
                try await client.post("/v1/responses", token: admin, body: responseJSON(id: UUID(uuidString: id)!))
                    .status == .created)
            let cases: [(String, String, Int, [String])] = [
                ("correction", #"{"answers":[1,1,1,1,1]}"#, 422, ["reason:required"]),
                ("correction", #"{"reason":"typo"}"#, 422, ["answers:required"]),
                ("correction", #"{"answers":[1,1],"reason":"typo"}"#, 422, ["answers:count"]),
                ("correction", #"{"administeredAt":"2030-01-01","reason":"typo"}"#, 422, ["administeredAt:future"]),
                ("correction", #"{"answers":[1,1,1,1,1],"reason":"cpr 010190-1234"}"#, 422, ["reason:cpr"]),
                ("correction", #"{"answers":[1,1,1,1,1],"reason":"typo","citizen":"x"}"#, 422, ["$:unknownField"]),
                ("retraction", #"{}"#, 422, ["reason:required"]),
                ("retraction", #"{"reason":"#, 400, []),
            ]
            for (action, body, status, errors) in cases {
                let response = try await client.post("/v1/responses/\(id)/\(action)", token: admin, body: body)
                #expect(Int(response.status.code) == status, "\(action) \(body)")
                #expect(response.problemErrors == errors, "\(action) \(body)")
            }
            #expect(
                try await client.post("/v1/responses/\(UUID())/retraction", token: admin, body: #"{"reason":"x"}"#)
                    .status == .notFound)
            #expect(
                try await client.post("/v1/responses/not-a-uuid/correction", token: admin, body: #"{"reason":"x"}"#)
                    .status == .notFound)
            #expect(await fixture.records() == 1)
        }
    }

    @Test func correctionRetractionAndTheirRepeats() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let admin = fixture.tokens["admin"]
            let id = UUID().uuidString.lowercased()
            _ = try await client.post("/v1/responses", token: admin, body: responseJSON(id: UUID(uuidString: id)!))
            let correction = #"{"answers":[1,1,1,1,1],"reason":"typo"}"#
            let corrected = try await client.post("/v1/responses/\(id)/correction", token: admin, body: correction)
            #expect(corrected.status == .ok)
            #expect(corrected.json["score"] as? Int == 20)
            #expect(
                try await client.post("/v1/responses/\(id)/correction", token: admin, body: correction).status == .ok)
            #expect(await fixture.records() == 2)
            #expect(
                try await client.post("/v1/responses/\(id)/retraction", token: admin, body: #"{"reason":"wrong"}"#)
                    .status == .ok)
            #expect(
                try await client.post("/v1/responses/\(id)/retraction", token: admin, body: #"{"reason":"wrong"}"#)
                    .status == .conflict)
            #expect(
                try await client.post("/v1/responses/\(id)/correction", token: admin, body: correction).status
                    == .conflict)
            let trajectory = try await client.get("/v1/citizens/c-1/trajectory", token: admin)
            #expect(trajectory.status == .ok)
            #expect((trajectory.json["instruments"] as? [Any])?.isEmpty == true)
            #expect(await fixture.records() == 3)
        }
    }
}
