import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporReports
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// The new-response page and the result page.
@Suite struct WebResponsePageTests {
    static func answers(_ values: [Int?]) -> [(String, String)] {
        values.enumerated().compactMap { index, value in value.map { ("item\(index + 1)", String($0)) } }
    }

    static func who5(
        citizen: String = "c-web", cpr: String? = nil, date: String = "2026-06-01", unit: String = Fixture.unit,
        answers: [Int?] = [3, 4, 2, 3, 1]
    ) -> [(String, String)] {
        var fields = [
            ("id", UUID().uuidString), ("instrument", "who5"), ("administeredAt", date), ("unit", unit),
            ("mode", "with-staff"),
        ]
        if let cpr { fields.append(("cpr", cpr)) } else { fields.append(("citizen", citizen)) }
        return fields + Self.answers(answers)
    }

    @Test func theFormHasEveryQuestionInTheInstrumentsOwnWordingAsLabelledRadioButtons() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            let page = try await staff.get(client, "/responses/new")
            #expect(page.status == .ok)
            let html = page.text
            let definition = InstrumentCatalog.builtIn.who5
            #expect(html.components(separatedBy: "<fieldset class=\"question\"").count - 1 == 5)
            for (index, item) in definition.items.enumerated() {
                #expect(html.contains("<legend>\(index + 1). \(Markup.escaped(item.text.da))</legend>"))
                for option in definition.options {
                    let id = "item\(index + 1)-\(option.value)"
                    #expect(
                        html.contains(
                            #"<label class="choice" for="\#(id)"><input type="radio" id="\#(id)" name="item\#(index + 1)" value="\#(option.value)"><span>\#(option.label.da)</span></label>"#
                        ))
                }
            }
            #expect(html.contains(#"name="administeredAt" value="2026-06-30""#))
            #expect(html.contains(#"<input type="hidden" name="unit" value="bostotte-nord">"#))
            let inspire = try await staff.get(client, "/responses/new?instrument=brief-inspire-o&lang=en")
            #expect(inspire.text.contains("<legend>1. I feel supported by other people</legend>"))
            #expect(inspire.text.contains("<span>Very much</span>"))

            for role in ["caseworker", "strategic"] {
                var other = try await Browser.signedIn(client, token: fixture.tokens[role])
                #expect(try await other.get(client, "/responses/new").status == .forbidden, "\(role)")
            }
        }
    }

    @Test func aStoredResponseLeadsToItsResultWithScoreFlagsAndChange() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            _ = try await staff.get(client, "/responses/new")
            let first = try await staff.post(
                client, "/responses", Self.who5(date: "2026-03-01", answers: [4, 4, 4, 4, 4]))
            #expect(first.status == .seeOther)
            _ = try await staff.get(client, "/responses/new")
            let second = try await staff.post(client, "/responses", Self.who5())
            #expect(second.status == .seeOther)
            let location = try #require(second.headers[.location])
            #expect(location.hasPrefix("/responses/"))
            let result = try await staff.get(client, location)
            #expect(result.status == .ok)
            #expect(result.text.contains(#"<p class="score">52"#))
            #expect(result.text.contains("<li>Et spørgsmål besvaret med 0 eller 1</li>"))
            #expect(
                result.text.contains(
                    #"<li id="change-previous">Siden sidste besvarelse (2026-03-01): −28 point: forværret</li>"#))
            #expect(result.text.contains("<svg role=\"img\""))
            #expect(await fixture.records() == 2)
            // Staff of another unit may not read it; a case worker may, and the read is audited.
            var syd = try await Browser.signedIn(client, token: fixture.tokens["staff-syd"])
            #expect(try await syd.get(client, location).status == .notFound)
            var caseworker = try await Browser.signedIn(client, token: fixture.tokens["caseworker"])
            #expect(try await caseworker.get(client, location).status == .ok)
            #expect(
                try AuditTrail.read(folder: fixture.folder.url).records.map(\.endpoint) == [
                    "GET /responses/{id}", "GET /responses/{id}",
                ])
        }
    }

    @Test func invalidInputShowsTheFormAgainWithErrorsBesideTheFieldsAndTheAnswersKept() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            _ = try await staff.get(client, "/responses/new")
            let response = try await staff.post(
                client, "/responses",
                Self.who5(date: "2026-07-01", unit: Fixture.otherUnit, answers: [3, 4, nil, 3, 1]))
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains(#"<p class="error" id="item3-error">Vælg et svar.</p>"#))
            #expect(html.contains(#"<p class="error" id="administeredAt-error">Datoen må ikke ligge efter i dag.</p>"#))
            #expect(html.contains(#"<p class="error" id="unit-error">Vælg en af dine enheder.</p>"#))
            #expect(html.contains(##"href="#item3-0">Spørgsmål 3: Vælg et svar.</a>"##))
            for (item, value) in [(1, 3), (2, 4), (4, 3), (5, 1)] {
                #expect(
                    html.contains(
                        #"id="item\#(item)-\#(value)" name="item\#(item)" value="\#(value)" checked="checked">"#))
            }
            #expect(!html.contains(#"name="item3" value="0" checked"#))
            #expect(html.contains(#"name="citizen" value="c-web""#))
            #expect(await fixture.records() == 0)
        }
    }

    @Test func aCPRNumberIsNeverEchoedIntoAPageAURLOrALog() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            _ = try await staff.get(client, "/responses/new")
            let invalid = try await staff.post(
                client, "/responses", Self.who5(cpr: "010190-1234", answers: [3, nil, 2, 3, 1]))
            #expect(invalid.status == .unprocessableContent)
            #expect(!invalid.text.contains("010190") && !invalid.text.contains("1234"))
            let badCPR = try await staff.post(client, "/responses", Self.who5(cpr: "310290-1234"))
            #expect(badCPR.text.contains("CPR-nummeret skal begynde med en gyldig fødselsdato"))
            #expect(!badCPR.text.contains("310290"))
            _ = try await staff.get(client, "/responses/new")
            let stored = try await staff.post(client, "/responses", Self.who5(cpr: "0101901234"))
            #expect(stored.status == .seeOther)
            let location = try #require(stored.headers[.location])
            #expect(!location.contains("0101901234"))
            let result = try await staff.get(client, location)
            #expect(result.text.contains("p-"))
            #expect(!result.text.contains("0101901234") && !result.text.contains("010190"))
            // Typed into the id field, it is refused and not shown again either.
            var fields = Self.who5(citizen: "010190-1234")
            fields.removeAll { $0.0 == "item1" }
            let inIDField = try await staff.post(client, "/responses", fields)
            #expect(inIDField.status == .unprocessableContent)
            #expect(inIDField.text.contains("Det ligner et CPR-nummer"))
            #expect(!inIDField.text.contains("010190"))
            #expect(!fixture.capture.lines.joined().contains("010190"))
        }
    }

    @Test func aFormWithoutTheSessionsCSRFTokenIsRefusedAndNothingIsWritten() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            _ = try await staff.get(client, "/responses/new")
            #expect(try await staff.post(client, "/responses", Self.who5(), csrf: .some(nil)).status == .forbidden)
            #expect(try await staff.post(client, "/responses", Self.who5(), csrf: "forged").status == .forbidden)
            // Another session's token does not do either.
            var admin = try await Browser.signedIn(client, token: fixture.tokens["admin"])
            _ = try await admin.get(client, "/attention")
            #expect(try await staff.post(client, "/responses", Self.who5(), csrf: admin.csrf).status == .forbidden)
            #expect(await fixture.records() == 0)
            // Without a session at all: to the sign-in form.
            var stranger = Browser()
            let refused = try await stranger.post(client, "/responses", Self.who5(), csrf: "x")
            #expect(refused.headers[.location] == "/sign-in")
        }
    }
}
