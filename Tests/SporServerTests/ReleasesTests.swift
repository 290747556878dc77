import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporReports
import Testing

@testable import SporApplication
@testable import SporServer

/// What the strategic role reads: frozen releases of settled periods (docs/report-definition.md, releases).
@Suite struct ReleasesTests {
    /// Six citizens answered in 2026-Q1 and one in 2026-Q2; today is 2026-06-30, so with the 14-day window Q1 is
    /// settled and Q2 is not.
    static func seed(
        _ client: some TestClientProtocol, _ fixture: Fixture, citizens: Range<Int>, date: String
    ) async throws {
        for index in citizens {
            let body = responseJSON(citizen: "c-\(index)", answers: "[\(index % 6),3,3,3,3]", date: date)
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["admin"], body: body).status == .created)
        }
    }

    @Test func aStrategicReadIsFrozenUntilAnAdminReleasesAndOldReleasesStayReadable() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            try await Self.seed(client, fixture, citizens: 0..<6, date: "2026-02-10")
            try await Self.seed(client, fixture, citizens: 6..<12, date: "2026-05-10")
            let uri = "/v1/reports/trends?instrument=who5&period=quarter&by=none"
            let first = try await client.get(uri, token: fixture.tokens["strategic"])
            #expect(first.status == .ok)
            #expect((first.json["release"] as? [String: Any])?["id"] as? Int == 1)
            let periods = (first.json["cells"] as? [[String: Any]] ?? []).compactMap { $0["period"] as? String }
            #expect(periods == ["2026-Q1"])  // Q2 has not settled: absent, not an error

            // Late responses for the settled quarter, and a new one: the strategic read does not move.
            try await Self.seed(client, fixture, citizens: 12..<15, date: "2026-03-01")
            let again = try await client.get(uri, token: fixture.tokens["strategic"])
            #expect(again.text == first.text)
            let live = try await client.get(uri, token: fixture.tokens["caseworker"])
            #expect(live.json["release"] == nil)
            #expect(((live.json["cells"] as? [[String: Any]])?.first?["citizens"] as? Int) == 9)

            // An admin's release shows the late data; release 1 is still served unchanged by its id.
            let made = try await fixture.spor().makeRelease(by: .cli())
            #expect(made.id.number == 2)
            let second = try await client.get(uri, token: fixture.tokens["strategic"])
            #expect((second.json["release"] as? [String: Any])?["id"] as? Int == 2)
            #expect(((second.json["cells"] as? [[String: Any]])?.first?["citizens"] as? Int) == 9)
            let old = try await client.get(
                "/v1/reports/releases/1/trends?instrument=who5&period=quarter&by=none",
                token: fixture.tokens["strategic"])
            #expect(old.text == first.text)
            let list = try await client.get("/v1/reports/releases", token: fixture.tokens["strategic"])
            #expect((list.json["releases"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [1, 2])
            #expect(
                try await client.get(
                    "/v1/reports/releases/9/trends?instrument=who5", token: fixture.tokens["strategic"]
                ).status == .notFound)
            #expect(try await client.get("/v1/reports/releases", token: fixture.tokens["staff"]).status == .forbidden)
        }
    }

    @Test func theFirstReadOfASettledPeriodMakesTheReleaseAndTheTrendsPageNamesIt() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            try await Self.seed(client, fixture, citizens: 0..<6, date: "2026-02-10")
            #expect(try await fixture.spor().releases(by: .cli()).isEmpty)
            var strategic = try await Browser.signedIn(client, token: fixture.tokens["strategic"])
            let page = try await strategic.get(client, "/trends?instrument=who5&period=quarter&by=unit")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"id="release">Udgivelse 1 af "#))
            #expect(try await fixture.spor().releases(by: .cli()).map(\.id.number) == [1])
        }
    }
}
