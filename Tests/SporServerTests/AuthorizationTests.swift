import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Every endpoint × every role, no token and a revoked token: the exact status.
@Suite struct AuthorizationTests {
    static let callers = ["staff", "staff-syd", "caseworker", "strategic", "admin", "revoked", "none"]

    /// Expected statuses by caller, in the order of ``callers``.
    static func expect(_ statuses: [Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(callers, statuses))
    }

    @Test func everyEndpointAndRole() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let token = { (caller: String) in fixture.tokens[caller] }
            // A citizen seen in bostotte-nord only.
            let seed = try await client.post(
                "/v1/responses", token: token("admin"), body: responseJSON(citizen: "c-nord"))
            #expect(seed.status == .created)

            let table: [(String, (String) async throws -> TestResponse, [String: Int])] = [
                (
                    "GET /v1/instruments", { try await client.get("/v1/instruments", token: token($0)) },
                    Self.expect([200, 200, 200, 200, 200, 401, 401])
                ),
                (
                    "POST /v1/responses",
                    { try await client.post("/v1/responses", token: token($0), body: responseJSON(citizen: "c-new")) },
                    Self.expect([201, 422, 403, 403, 201, 401, 401])
                ),
                (
                    "POST /v1/responses/batch",
                    {
                        try await client.post(
                            "/v1/responses/batch", token: token($0), body: #"{"responses":[\#(responseJSON())]}"#)
                    }, Self.expect([201, 422, 403, 403, 201, 401, 401])
                ),
                (
                    "POST correction",
                    { caller in
                        let id = try await Self.seed(client, fixture)
                        return try await client.post(
                            "/v1/responses/\(id)/correction", token: token(caller),
                            body: #"{"answers":[1,1,1,1,1],"reason":"typo"}"#)
                    }, Self.expect([200, 404, 403, 403, 200, 401, 401])
                ),
                (
                    "POST retraction",
                    { caller in
                        let id = try await Self.seed(client, fixture)
                        return try await client.post(
                            "/v1/responses/\(id)/retraction", token: token(caller), body: #"{"reason":"wrong citizen"}"#
                        )
                    }, Self.expect([200, 404, 403, 403, 200, 401, 401])
                ),
                (
                    "POST /v1/citizens/resolve",
                    {
                        try await client.post("/v1/citizens/resolve", token: token($0), body: #"{"cpr":"010190-1234"}"#)
                    },
                    Self.expect([200, 200, 200, 403, 200, 401, 401])
                ),
                (
                    "GET trajectory", { try await client.get("/v1/citizens/c-nord/trajectory", token: token($0)) },
                    Self.expect([200, 404, 200, 403, 200, 401, 401])
                ),
                (
                    "GET summary",
                    { try await client.get("/v1/citizens/c-nord/summary?since=2026-01-01", token: token($0)) },
                    Self.expect([200, 404, 200, 403, 200, 401, 401])
                ),
                (
                    "GET /v1/reports/trends",
                    { try await client.get("/v1/reports/trends?instrument=who5&by=unit", token: token($0)) },
                    Self.expect([403, 403, 200, 200, 200, 401, 401])
                ),
                (
                    "GET /v1/attention", { try await client.get("/v1/attention", token: token($0)) },
                    Self.expect([200, 200, 200, 403, 200, 401, 401])
                ),
                (
                    "GET /healthz", { try await client.get("/healthz", token: token($0)) },
                    Self.expect([200, 200, 200, 200, 200, 200, 200])
                ),
                (
                    "GET /openapi.yaml", { try await client.get("/openapi.yaml", token: token($0)) },
                    Self.expect([200, 200, 200, 200, 200, 200, 200])
                ),
            ]
            for (endpoint, call, expected) in table {
                for caller in Self.callers {
                    let response = try await call(caller)
                    #expect(Int(response.status.code) == expected[caller], "\(endpoint) as \(caller)")
                    if response.status.code >= 400 {
                        #expect(
                            response.headers[.contentType] == "application/problem+json", "\(endpoint) as \(caller)")
                    }
                }
            }
        }
    }

    @Test func malformedAuthorizationHeaders() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for header in ["Basic abc", "Bearer", "Bearer ", "Bearer spor_unknown", fixture.tokens["admin"]!] {
                let response = try await client.execute(
                    uri: "/v1/instruments", method: .get, headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(header.prefix(8))")
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"spor\"")
            }
        }
    }

    @Test func theSchemeInAnyCaseAndBlanksAroundTheTokenAreAccepted() async throws {
        let fixture = try Fixture()
        let token = fixture.tokens["admin"]!
        try await fixture.test { client in
            for header in [
                "Bearer \(token)", "bearer \(token)", "BEARER   \(token) \t", "bEaReR \u{2003}\(token)\u{A0}",
            ] {
                let response = try await client.execute(
                    uri: "/v1/instruments", method: .get, headers: [.authorization: header])
                #expect(response.status == .ok, "\(header.prefix(10))")
            }
            for header in ["Bearer\t\(token)", "Bearer-\(token)", "Token \(token)", "Bearer \(token)x"] {
                let response = try await client.execute(
                    uri: "/v1/instruments", method: .get, headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(header.prefix(10))")
            }
        }
    }

    @Test func staffReadOnlyTheResponsesOfTheirUnitsAndAnotherUnitsCitizenAnswersAsAnUnknownOne() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let recorded = try await client.post(
                "/v1/responses", token: fixture.tokens["staff-syd"],
                body: responseJSON(citizen: "c-syd", unit: Fixture.otherUnit))
            #expect(recorded.status == .created)
            let other = try await client.get("/v1/citizens/c-syd/trajectory", token: fixture.tokens["staff"])
            let unknown = try await client.get("/v1/citizens/c-unknown/trajectory", token: fixture.tokens["staff"])
            #expect(other.status == .notFound && unknown.status == .notFound)
            #expect(other.text == unknown.text)
            #expect(
                try await client.get("/v1/citizens/c-unknown/trajectory", token: fixture.tokens["caseworker"]).status
                    == .notFound)
            // Staff may not record without a unit of theirs.
            let noUnit = #"{"citizen":"c-1","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#
            let refused = try await client.post("/v1/responses", token: fixture.tokens["staff"], body: noUnit)
            #expect(refused.status == .unprocessableContent && refused.problemErrors == ["unit:range"])
        }
    }

    /// The hole the first version had: staff of one unit recorded an empty response for another unit's citizen in
    /// their own unit, and then read that citizen's whole trajectory. Recording never widens what a token reads.
    @Test func recordingInTheOwnUnitDoesNotRevealAnotherUnitsResponses() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let syd = responseJSON(
                citizen: "c-shared", answers: "[1,1,1,1,1]", date: "2026-01-10", unit: Fixture.otherUnit)
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["staff-syd"], body: syd).status == .created
            )
            #expect(
                try await client.get("/v1/citizens/c-shared/trajectory", token: fixture.tokens["staff"]).status
                    == .notFound)
            let empty = responseJSON(citizen: "c-shared", answers: "[null,null,null,null,null]", date: "2026-03-14")
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["staff"], body: empty).status == .created)
            let trajectory = try await client.get("/v1/citizens/c-shared/trajectory", token: fixture.tokens["staff"])
            #expect(trajectory.status == .ok)
            let points =
                ((trajectory.json["instruments"] as? [[String: Any]])?.first?["points"] as? [[String: Any]]) ?? []
            #expect(points.count == 1 && points.allSatisfy { $0["unit"] as? String == Fixture.unit })
            #expect(!trajectory.text.contains(Fixture.otherUnit))
            let summary = try await client.get(
                "/v1/citizens/c-shared/summary?since=2026-01-01", token: fixture.tokens["staff"])
            #expect(summary.status == .ok && !summary.text.contains("2026-01-10"))
            let all = try await client.get("/v1/citizens/c-shared/trajectory", token: fixture.tokens["caseworker"])
            #expect(all.text.contains(Fixture.otherUnit))
        }
    }

    @Test func aTokenRevokedWhileRunningIsRefusedAtTheNextRequest() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            #expect(try await client.get("/v1/instruments", token: fixture.tokens["caseworker"]).status == .ok)
            try TokenStore(folder: fixture.folder.url).revoke(name: "caseworker")
            #expect(
                try await client.get("/v1/instruments", token: fixture.tokens["caseworker"]).status == .unauthorized)
        }
    }

    /// Records a fresh response in bostotte-nord as admin and returns its id.
    static func seed(_ client: some TestClientProtocol, _ fixture: Fixture) async throws -> String {
        let id = UUID()
        let response = try await client.post(
            "/v1/responses", token: fixture.tokens["admin"], body: responseJSON(id: id, citizen: "c-seed"))
        #expect(response.status == .created)
        return id.uuidString.lowercased()
    }
}
