import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporReports
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// The access table of `SporTesting.AccessTable` driven through the JSON API and through the web pages (a signed-in
/// browser per role); the use cases drive the same table in SporApplicationTests/AccessTableTests.swift. HTTP 2xx
/// and 303 read as ok, 403 forbidden, 404 notFound, 422 invalid.
@Suite struct AccessTableHTTPTests {
    @Test func everyRoleActionAndTargetThroughTheAPI() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let driver = HTTPDriver(fixture: fixture)
            try await driver.seed()
            var actual: [String] = []
            var notFound: [String: String] = [:]
            // The API has no route for one response's result (the web result page has).
            for cell in AccessTable.cases where cell.action != .result {
                let response = try await driver.api(client, cell)
                actual.append(AccessTable.line(cell, AccessTable.Outcome(status: Int(response.status.code))))
                if response.status == .notFound {
                    notFound["\(cell.role) \(cell.action) \(cell.target)"] = response.text
                }
                if response.status == .unprocessableContent {
                    #expect(response.problemErrors == ["unit:range"], "\(cell): a unit outside the caller's units")
                }
            }
            #expect(AccessTable.mismatches(actual) { $0.action != .result } == [])
            // Another unit's citizen or response answers exactly as an unknown one: the same body.
            for role in [AccessTable.Role.staff, .staffOfAnotherUnit] {
                let foreign: AccessTable.Target = role == .staff ? .otherUnit : .ownUnit
                for action in [AccessTable.Action.correct, .retract, .trajectory, .summary] {
                    let body = notFound["\(role) \(action) \(foreign)"]
                    #expect(body != nil && body == notFound["\(role) \(action) unknown"], "\(role) \(action)")
                }
            }
        }
    }

    @Test func everyRoleActionAndTargetThroughTheWebPages() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let driver = HTTPDriver(fixture: fixture)
            try await driver.seed()
            var browsers: [AccessTable.Role: Browser] = [:]
            for role in AccessTable.Role.allCases {
                var browser = try await Browser.signedIn(client, token: fixture.tokens[role.rawValue])
                // The first page after signing in carries the session's CSRF token (in the sign-out form).
                let home = try await browser.get(client, "/")
                _ = try await browser.get(client, try #require(home.headers[.location]))
                browsers[role] = browser
            }
            var actual: [String] = []
            for cell in AccessTable.cases {
                let response = try await driver.web(client, cell, browser: &browsers[cell.role]!)
                actual.append(AccessTable.line(cell, AccessTable.Outcome(status: Int(response.status.code))))
            }
            #expect(AccessTable.mismatches(actual) == [])
        }
    }
}

/// Runs one cell of the access table as an API request or a web page, on the server fixture's data folder.
struct HTTPDriver {
    let fixture: Fixture

    /// The citizens of the own and the other unit, each also by a CPR number (recorded by the CLI).
    func seed() async throws {
        let spor = fixture.spor()
        for target in [AccessTable.Target.ownUnit, .otherUnit] {
            _ = try await spor.record(AccessTable.response(citizen: target.citizen, unit: target.unit), by: .cli())
            _ = try await spor.record(AccessTable.response(cpr: target.cpr, unit: target.unit), by: .cli())
        }
    }

    /// A fresh response of the target, or an id never stored; lowercase.
    func response(of target: AccessTable.Target) async throws -> String {
        guard target != .unknown else { return UUID().uuidString.lowercased() }
        let recorded = try await fixture.spor().record(
            AccessTable.response(citizen: target.citizen, unit: target.unit), by: .cli())
        return recorded.stored.response.id.uuidString.lowercased()
    }

    /// The citizen a recording of the target names: a new one each time for the unknown target.
    func recordedCitizen(_ target: AccessTable.Target) -> String {
        target == .unknown ? "c-new-\(UUID().uuidString.prefix(8).lowercased())" : target.citizen
    }

    func api(_ client: some TestClientProtocol, _ cell: AccessTable.Case) async throws -> TestResponse {
        let token = fixture.tokens[cell.role.rawValue]
        let target = cell.target
        switch cell.action {
        case .record:
            let body = responseJSON(citizen: recordedCitizen(target), date: AccessTable.date, unit: target.unit)
            return try await client.post("/v1/responses", token: token, body: body)
        case .correct:
            let id = try await response(of: target)
            return try await client.post(
                "/v1/responses/\(id)/correction", token: token, body: #"{"answers":[1,1,1,1,1],"reason":"typo"}"#)
        case .retract:
            let id = try await response(of: target)
            return try await client.post(
                "/v1/responses/\(id)/retraction", token: token, body: #"{"reason":"wrong citizen"}"#)
        case .trajectory:
            return try await client.get("/v1/citizens/\(target.citizen)/trajectory", token: token)
        case .summary:
            return try await client.get(
                "/v1/citizens/\(target.citizen)/summary?since=\(AccessTable.since)", token: token)
        case .result:
            Issue.record("the API has no result route")
            return try await client.get("/v1/responses/\(try await response(of: target))", token: token)
        case .resolveCPR:
            return try await client.post("/v1/citizens/resolve", token: token, body: #"{"cpr":"\#(target.cpr)"}"#)
        case .attentionList:
            return try await client.get("/v1/attention", token: token)
        case .trendReport:
            return try await client.get("/v1/reports/trends?instrument=who5&by=unit", token: token)
        }
    }

    func web(
        _ client: some TestClientProtocol, _ cell: AccessTable.Case, browser: inout Browser
    ) async throws -> TestResponse {
        let target = cell.target
        let answers = (1...5).map { ("item\($0)", "1") }
        switch cell.action {
        case .record:
            return try await browser.post(
                client, "/responses",
                [
                    ("instrument", "who5"), ("citizen", recordedCitizen(target)), ("administeredAt", AccessTable.date),
                    ("unit", target.unit), ("mode", "with-staff"),
                ] + answers)
        case .correct:
            let id = try await response(of: target)
            return try await browser.post(
                client, "/responses/\(id)/correction",
                [("administeredAt", AccessTable.date), ("reason", "typo")] + answers)
        case .retract:
            let id = try await response(of: target)
            return try await browser.post(client, "/responses/\(id)/retraction", [("reason", "wrong citizen")])
        case .trajectory:
            return try await browser.get(client, "/citizens/\(target.citizen)")
        case .summary:
            return try await browser.get(client, "/citizens/\(target.citizen)?since=\(AccessTable.since)")
        case .result:
            return try await browser.get(client, "/responses/\(try await response(of: target))")
        case .resolveCPR:
            return try await browser.post(client, "/citizens/find", [("cpr", target.cpr)])
        case .attentionList:
            return try await browser.get(client, "/attention")
        case .trendReport:
            return try await browser.get(client, "/trends?instrument=who5")
        }
    }
}
