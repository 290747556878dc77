import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// The citizen page, finding a citizen, and correcting and retracting from it.
@Suite struct WebCitizenPageTests {
    /// Two WHO-5 and one Brief INSPIRE-O responses of `c-nord` in bostotte-nord; returns the WHO-5 ids.
    static func seed(_ client: some TestClientProtocol, _ fixture: Fixture) async throws -> [String] {
        var ids: [String] = []
        for (date, answers) in [("2026-01-10", "[4,4,4,4,4]"), ("2026-05-10", "[3,3,2,3,2]")] {
            let id = UUID()
            let body = responseJSON(id: id, citizen: "c-nord", answers: answers, date: date)
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["admin"], body: body).status == .created)
            ids.append(id.uuidString.lowercased())
        }
        let inspire =
            #"{"citizen":"c-nord","instrument":"brief-inspire-o","administeredAt":"2026-05-10","answers":[3,2,1,4,0],"unit":"bostotte-nord"}"#
        #expect(
            try await client.post("/v1/responses", token: fixture.tokens["admin"], body: inspire).status == .created)
        return ids
    }

    @Test func rolesAndUnitsDecideWhoSeesThePageAndItsActions() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let ids = try await Self.seed(client, fixture)
            let expected: [(String, HTTPResponse.Status)] = [
                ("staff", .ok), ("staff-syd", .notFound), ("caseworker", .ok), ("strategic", .forbidden),
                ("admin", .ok),
            ]
            for (caller, status) in expected {
                var browser = try await Browser.signedIn(client, token: fixture.tokens[caller])
                let page = try await browser.get(client, "/citizens/c-nord?since=2026-03-01")
                #expect(page.status == status, "\(caller)")
                guard status == .ok else { continue }
                let html = page.text
                #expect(html.contains("<h2>Opfølgning siden 2026-03-01</h2>"))
                #expect(html.contains("WHO-5 faldt fra 80 til 52 siden 2026-03-01: forværret"))
                #expect(
                    html.contains(
                        "<title>CHIME-profil: Forbundethed 3, Håb 2, Identitet 1, Mening 4, Empowerment 0</title>"))
                #expect(
                    html.components(separatedBy: "<svg role=\"img\"").count - 1 == 3,
                    "two trajectories and the CHIME bars")
                #expect(html.contains("/responses/\(ids[1])/correction") == (caller != "caseworker"), "\(caller)")
                #expect(html.contains("/responses/\(ids[1])/retraction") == (caller != "caseworker"), "\(caller)")
            }
            var browser = try await Browser.signedIn(client, token: fixture.tokens["caseworker"])
            #expect(try await browser.get(client, "/citizens/c-unknown").status == .notFound)
            let printView = try await browser.get(client, "/citizens/c-nord?print=1")
            #expect(printView.text.contains(#"<body class="print-view">"#))
            #expect(!printView.text.contains("<header") && !printView.text.contains("<form"))
            let audited = try AuditTrail.read(folder: fixture.folder.url).records
            #expect(
                audited.count == 4
                    && audited.allSatisfy {
                        $0.endpoint == "GET /citizens/{citizen}" && $0.citizen?.rawValue == "c-nord"
                    })
        }
    }

    @Test func findingByCPRRedirectsToThePseudonymWithoutTheNumberInAnyURL() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var caseworker = try await Browser.signedIn(client, token: fixture.tokens["caseworker"])
            _ = try await caseworker.get(client, "/citizens")
            let found = try await caseworker.post(client, "/citizens/find", ["cpr": "010190-1234"])
            #expect(found.status == .seeOther)
            let location = try #require(found.headers[.location])
            #expect(location.hasPrefix("/citizens/p-") && !location.contains("010190"))
            let invalid = try await caseworker.post(client, "/citizens/find", ["cpr": "999999-1234"])
            #expect(invalid.status == .unprocessableContent)
            #expect(!invalid.text.contains("999999"))
            #expect(
                try await caseworker.post(client, "/citizens/find", ["citizen": "c-1"]).headers[.location]
                    == "/citizens/c-1")
            let cprAsID = try await caseworker.post(client, "/citizens/find", ["citizen": "0101901234"])
            #expect(cprAsID.status == .unprocessableContent && !cprAsID.text.contains("0101901234"))
            #expect(
                try await caseworker.post(client, "/citizens/find", ["citizen": "c-1"], csrf: .some(nil)).status
                    == .forbidden)
        }
    }

    @Test func correctingAndRetractingFromThePage() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let ids = try await Self.seed(client, fixture)
            var syd = try await Browser.signedIn(client, token: fixture.tokens["staff-syd"])
            #expect(try await syd.get(client, "/responses/\(ids[1])/correction").status == .notFound)
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            let form = try await staff.get(client, "/responses/\(ids[1])/correction")
            #expect(form.text.contains(#"id="item3-2" name="item3" value="2" checked="checked""#))
            // The form shows the stored answers: opening it is a read of the citizen's data.
            #expect(
                try AuditTrail.read(folder: fixture.folder.url).records.last?.endpoint
                    == "GET /responses/{id}/correction")
            var fields = WebResponsePageTests.answers([3, 3, 3, 3, 3]) + [("administeredAt", "2026-05-10")]
            let noReason = try await staff.post(client, "/responses/\(ids[1])/correction", fields)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains(#"id="item3-3" name="item3" value="3" checked="checked""#))
            #expect(await fixture.records() == 3)
            for bad in ["9", "-1", "abc", "2.5"] {
                let badFields =
                    WebResponsePageTests.answers([3, 3, 3, 3, 3]).map { $0.0 == "item3" ? ("item3", bad) : $0 }
                    + [("administeredAt", "2026-05-10"), ("reason", "typed the wrong answer")]
                let refused = try await staff.post(client, "/responses/\(ids[1])/correction", badFields)
                #expect(refused.status == .unprocessableContent, "item3=\(bad)")
                #expect(await fixture.records() == 3, "item3=\(bad)")
            }
            fields.append(("reason", "typed the wrong answer"))
            let corrected = try await staff.post(client, "/responses/\(ids[1])/correction", fields)
            #expect(corrected.headers[.location] == "/citizens/c-nord")
            #expect(await fixture.records() == 4)
            #expect(try await staff.get(client, "/responses/\(ids[1])").text.contains(#"<p class="score">60"#))

            _ = try await staff.get(client, "/responses/\(ids[1])/retraction")
            #expect(
                try AuditTrail.read(folder: fixture.folder.url).records.last?.endpoint
                    == "GET /responses/{id}/retraction")
            #expect(
                try await staff.post(client, "/responses/\(ids[1])/retraction", ["reason": ""]).status
                    == .unprocessableContent)
            let retracted = try await staff.post(client, "/responses/\(ids[1])/retraction", ["reason": "wrong citizen"])
            #expect(retracted.headers[.location] == "/citizens/c-nord")
            #expect(await fixture.records() == 5)
            #expect(try await staff.get(client, "/responses/\(ids[1])").status == .notFound)
        }
    }
}
