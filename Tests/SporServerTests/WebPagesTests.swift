import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Every page × every role (no session, an expired session, a foreign unit), the attention page and the trends page.
@Suite struct WebPagesTests {
    static let callers = ["staff", "staff-syd", "caseworker", "strategic", "admin"]

    @Test func everyPageAndRole() async throws {
        let fixture = try Fixture()
        let clock = TestClock()
        let now: @Sendable () -> Date = { clock.now }
        try await fixture.test(now: now) { client in
            let id = UUID()
            let seed = responseJSON(id: id, citizen: "c-nord", answers: "[1,1,1,1,1]", date: "2026-06-01")
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["admin"], body: seed).status == .created)
            let response = "/responses/\(id.uuidString.lowercased())"
            let table: [(String, [HTTPResponse.Status])] = [
                ("/responses/new", [.ok, .ok, .forbidden, .forbidden, .ok]),
                (response, [.ok, .notFound, .ok, .forbidden, .ok]),
                ("\(response)/correction", [.ok, .notFound, .forbidden, .forbidden, .ok]),
                ("\(response)/retraction", [.ok, .notFound, .forbidden, .forbidden, .ok]),
                ("/citizens", [.ok, .ok, .ok, .forbidden, .ok]),
                ("/citizens/c-nord", [.ok, .notFound, .ok, .forbidden, .ok]),
                ("/attention", [.ok, .ok, .ok, .forbidden, .ok]),
                ("/trends", [.forbidden, .forbidden, .ok, .ok, .ok]),
                ("/trends.csv", [.forbidden, .forbidden, .ok, .ok, .ok]),
            ]
            var browsers: [String: Browser] = [:]
            for caller in Self.callers {
                browsers[caller] = try await Browser.signedIn(client, token: fixture.tokens[caller])
            }
            for (path, statuses) in table {
                for (caller, status) in zip(Self.callers, statuses) {
                    let page = try await browsers[caller]!.get(client, path)
                    #expect(page.status == status, "\(path) as \(caller)")
                    if path != "/trends.csv" {
                        #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path) as \(caller)")
                        #expect(page.text.hasPrefix("<!doctype html>\n<html lang=\"da\">"), "\(path) as \(caller)")
                        #expect(page.text.contains("<h1>"), "\(path) as \(caller)")
                    }
                    #expect(page.headers[.contentSecurityPolicy] != nil)
                }
                var stranger = Browser()
                #expect(
                    try await stranger.get(client, path).headers[.location] == "/sign-in", "\(path) without a session")
            }
            clock.advance(by: 9 * 3600)
            for (path, _) in table {
                var expired = browsers["admin"]!
                #expect(
                    try await expired.get(client, path).headers[.location] == "/sign-in?expired=1", "\(path) expired")
            }
        }
    }

    @Test func theAttentionPageSaysWhyAndKeepsToTheStaffMembersUnits() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let low = responseJSON(citizen: "c-nord", answers: "[1,1,1,1,1]", date: "2026-06-01")
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["admin"], body: low).status == .created)
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            let page = try await staff.get(client, "/attention")
            #expect(page.text.contains(#"<a href="/citizens/c-nord">c-nord</a>"#))
            #expect(page.text.contains(#"<li data-reason="veryLowWellbeing">WHO-5 20: meget lav trivsel</li>"#))
            var syd = try await Browser.signedIn(client, token: fixture.tokens["staff-syd"])
            let other = try await syd.get(client, "/attention?lang=en")
            #expect(!other.text.contains("c-nord"))
            #expect(other.text.contains("No citizens on the list right now."))
        }
    }

    @Test func theTrendsPageShowsTableChartSuppressedCellsAndCSV() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var bodies: [String] = []
            for number in 1...6 {
                bodies.append(responseJSON(citizen: "c-\(number)", answers: "[3,3,3,3,3]", date: "2026-05-0\(number)"))
            }
            for number in 7...8 {
                bodies.append(
                    responseJSON(
                        citizen: "c-\(number)", answers: "[2,2,2,2,2]", date: "2026-05-0\(number)",
                        unit: Fixture.otherUnit))
            }
            // Five more in a third unit, suppressed with the two of bostotte-syd (2 < 5).
            for number in 1...5 {
                bodies.append(
                    responseJSON(
                        citizen: "v-\(number)", answers: "[4,4,4,4,4]", date: "2026-05-1\(number)",
                        unit: "bostotte-vest"))
            }
            let batch = try await client.post(
                "/v1/responses/batch", token: fixture.tokens["admin"],
                body: #"{"responses":[\#(bodies.joined(separator: ","))]}"#)
            #expect(batch.status == .created)
            // Live figures, as a case worker reads them (the strategic level reads releases: ReleasesTests).
            var strategic = try await Browser.signedIn(client, token: fixture.tokens["caseworker"])
            let page = try await strategic.get(client, "/trends?instrument=who5&period=quarter&by=unit")
            #expect(page.status == .ok)
            let html = page.text
            #expect(
                html.contains(
                    #"<th scope="row">2026-Q2</th><td class="nowrap">bostotte-nord</td><td class="number">6</td><td class="number">60,0</td>"#
                ))
            #expect(html.contains(#"<td class="nowrap">bostotte-syd</td><td class="number suppressed">&lt; 5</td>"#))
            #expect(!html.contains("40,0"), "the suppressed cell's mean is not shown")
            #expect(html.contains(#"<td class="nowrap">bostotte-vest</td><td class="number suppressed">skjult</td>"#))
            #expect(!html.contains("80,0"), "the complementary cell's mean is not shown")
            #expect(html.contains("<svg role=\"img\""))
            #expect(html.contains(#"<option value="unit" selected="selected">Enhed</option>"#))
            #expect(html.contains(#"href="/trends.csv?instrument=who5&amp;period=quarter&amp;by=unit""#))
            let csv = try await strategic.get(client, "/trends.csv?instrument=who5&period=quarter&by=unit")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="spor-who5-quarter-unit.csv""#)
            #expect(csv.text.hasPrefix("period;group;suppressed;citizens"), "a Danish spreadsheet's CSV")
            #expect(csv.text.contains("2026-Q2;bostotte-syd;true;"))
            let english = try await strategic.get(client, "/trends.csv?instrument=who5&period=quarter&by=unit&lang=en")
            #expect(english.text.hasPrefix("period,group,suppressed,citizens"))
            #expect(try await strategic.get(client, "/trends?lang=en").text.contains(#"<td class="number">60.0</td>"#))
            let invalid = try await strategic.get(client, "/trends?from=yesterday&lang=da")
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains(#"<p class="error" id="from-error">Skriv datoen som ÅÅÅÅ-MM-DD.</p>"#))
        }
    }
}
