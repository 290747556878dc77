import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Staff see a citizen through their own units' responses only: when the citizen's first response lies in another
/// unit, the result page and the summary take the first own-unit response as the baseline (docs/access.md, the
/// staff rule 3), through the API and the web pages alike. A case worker sees the whole trajectory.
@Suite struct StaffBaselineTests {
    static let citizen = "c-shared"
    /// In bostotte-syd: WHO-5 20, the citizen's first response.
    static let sydID = UUID()
    /// In bostotte-nord: WHO-5 60, then 80.
    static let marchID = UUID()
    static let mayID = UUID()

    static func seed(_ client: some TestClientProtocol, _ fixture: Fixture) async throws {
        let rows = [
            responseJSON(
                id: sydID, citizen: citizen, answers: "[1,1,1,1,1]", date: "2026-01-10", unit: Fixture.otherUnit),
            responseJSON(id: marchID, citizen: citizen, answers: "[3,3,3,3,3]", date: "2026-03-01"),
            responseJSON(id: mayID, citizen: citizen, answers: "[4,4,4,4,4]", date: "2026-05-01"),
        ]
        let batch = try await client.post(
            "/v1/responses/batch", token: fixture.tokens["admin"],
            body: #"{"responses":[\#(rows.joined(separator: ","))]}"#)
        #expect(batch.status == .created)
    }

    /// What another unit's response would leak: its date, id, unit and score-based changes.
    static let foreign = ["2026-01-10", sydID.uuidString.lowercased(), Fixture.otherUnit]

    /// The `instruments[0]` of a summary.
    static func who5(_ summary: TestResponse) -> [String: Any] {
        (summary.json["instruments"] as? [[String: Any]])?.first { $0["instrument"] as? String == "who5" } ?? [:]
    }

    @Test func theStaffSummaryTakesTheFirstOwnUnitResponseAsBaseline() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            try await Self.seed(client, fixture)
            let path = "/v1/citizens/\(Self.citizen)/summary?since=2026-04-01"
            let staff = try await client.get(path, token: fixture.tokens["staff"])
            #expect(staff.status == .ok)
            let own = Self.who5(staff)
            #expect((own["baseline"] as? [String: Any])?["administeredAt"] as? String == "2026-03-01")
            #expect((own["baseline"] as? [String: Any])?["score"] as? Int == 60)
            #expect((own["lastBeforeSince"] as? [String: Any])?["administeredAt"] as? String == "2026-03-01")
            #expect((own["latest"] as? [String: Any])?["score"] as? Int == 80)
            #expect((own["changeSinceBaseline"] as? [String: Any])?["delta"] as? Int == 20)
            #expect((own["changeSinceFollowUp"] as? [String: Any])?["delta"] as? Int == 20)
            for leak in Self.foreign { #expect(!staff.text.contains(leak), "the staff summary shows \(leak)") }

            // The case worker's summary of the same citizen starts at the other unit's response.
            let caseworker = Self.who5(try await client.get(path, token: fixture.tokens["caseworker"]))
            #expect((caseworker["baseline"] as? [String: Any])?["administeredAt"] as? String == "2026-01-10")
            #expect((caseworker["changeSinceBaseline"] as? [String: Any])?["delta"] as? Int == 60)

            // The trajectory agrees: two points, the March one the baseline, its change since the previous none.
            let trajectory = try await client.get(
                "/v1/citizens/\(Self.citizen)/trajectory", token: fixture.tokens["staff"])
            let points =
                ((trajectory.json["instruments"] as? [[String: Any]])?.first?["points"] as? [[String: Any]]) ?? []
            #expect(points.map { $0["administeredAt"] as? String } == ["2026-03-01", "2026-05-01"])
            #expect(points.map { $0["baseline"] as? Bool } == [true, false])
            #expect(points.first?["changeSincePrevious"] == nil && points.first?["changeSinceBaseline"] == nil)
            #expect((points.last?["changeSinceBaseline"] as? [String: Any])?["delta"] as? Int == 20)
            for leak in Self.foreign { #expect(!trajectory.text.contains(leak), "the staff trajectory shows \(leak)") }
        }
    }

    @Test func theStaffResultPageAndCitizenPageShowOnlyOwnUnitFigures() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            try await Self.seed(client, fixture)
            var staff = try await Browser.signedIn(client, token: fixture.tokens["staff"])
            let may = try await staff.get(client, "/responses/\(Self.mayID.uuidString.lowercased())")
            #expect(may.status == .ok)
            #expect(Self.item("change-baseline", may.text) == "Siden udgangspunktet (2026-03-01): +20 point: forbedret")
            #expect(
                Self.item("change-previous", may.text)?.hasPrefix("Siden sidste besvarelse (2026-03-01): +20 point")
                    == true)
            for leak in Self.foreign { #expect(!may.text.contains(leak), "the staff result page shows \(leak)") }

            // The first own-unit response is the staff member's baseline, with no change before it.
            let march = try await staff.get(client, "/responses/\(Self.marchID.uuidString.lowercased())")
            #expect(march.status == .ok)
            #expect(march.text.contains("Første besvarelse med score: den er udgangspunktet."))
            #expect(Self.item("change-baseline", march.text) == nil && Self.item("change-previous", march.text) == nil)
            for leak in Self.foreign { #expect(!march.text.contains(leak), "the staff result page shows \(leak)") }

            // The citizen page's summary and table.
            let page = try await staff.get(client, "/citizens/\(Self.citizen)?since=2026-04-01")
            #expect(page.status == .ok)
            for leak in Self.foreign { #expect(!page.text.contains(leak), "the staff citizen page shows \(leak)") }

            // The other unit's response itself answers as an unknown one.
            let syd = try await staff.get(client, "/responses/\(Self.sydID.uuidString.lowercased())")
            #expect(syd.status == .notFound)

            // The case worker sees the change since the citizen's first response, in the other unit.
            var caseworker = try await Browser.signedIn(client, token: fixture.tokens["caseworker"])
            let all = try await caseworker.get(client, "/responses/\(Self.mayID.uuidString.lowercased())")
            #expect(
                Self.item("change-baseline", all.text)?.hasPrefix(
                    "Siden udgangspunktet (2026-01-10): +60 point: forbedret") == true)
        }
    }

    /// The text of the list item with this id, or `nil`.
    static func item(_ id: String, _ html: String) -> String? {
        guard let start = html.range(of: #"<li id="\#(id)">"#) else { return nil }
        let rest = html[start.upperBound...]
        return rest.range(of: "</li>").map { String(rest[..<$0.lowerBound]) }
    }
}
