import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct AttentionTests {
    @Test func staffSeeTheirUnitsCaseworkersAllAndEveryListedCitizenIsAudited() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            // Very low wellbeing in each unit; a citizen doing well is not listed.
            for (citizen, unit) in [("c-nord", Fixture.unit), ("c-syd", Fixture.otherUnit)] {
                let body = responseJSON(citizen: citizen, answers: "[1,1,1,1,1]", date: "2026-06-01", unit: unit)
                #expect(
                    try await client.post("/v1/responses", token: fixture.tokens["admin"], body: body).status
                        == .created)
            }
            let well = responseJSON(citizen: "c-well", answers: "[4,4,4,4,4]", date: "2026-06-01")
            #expect(
                try await client.post("/v1/responses", token: fixture.tokens["admin"], body: well).status == .created)

            let staff = try await client.get("/v1/attention", token: fixture.tokens["staff"])
            #expect(staff.status == .ok)
            let entries = try #require(staff.json["entries"] as? [[String: Any]])
            #expect(entries.map { $0["citizen"] as? String } == ["c-nord"])
            let reasons = try #require(entries.first?["reasons"] as? [[String: Any]])
            #expect(reasons.map { $0["code"] as? String } == ["veryLowWellbeing", "itemAtFloor"])
            #expect(staff.json["silenceDays"] as? Int == 120)
            #expect(staff.json["asOf"] as? String == "2026-06-30")

            let caseworker = try await client.get("/v1/attention", token: fixture.tokens["caseworker"])
            let all = try #require(caseworker.json["entries"] as? [[String: Any]])
            #expect(Set(all.compactMap { $0["citizen"] as? String }) == ["c-nord", "c-syd"])

            let records = try AuditTrail.read(folder: fixture.folder.url).records
            #expect(records.map { $0.citizen?.rawValue ?? "-" }.sorted() == ["c-nord", "c-nord", "c-syd"])
            #expect(Set(records.map(\.endpoint)) == ["GET /v1/attention"])
        }
    }

    /// At scale the list is long (558,309 citizens on the 5M benchmark data): only the most urgent are answered,
    /// and only they count as read.
    @Test func onlyTheMostUrgentAreAnsweredAndAudited() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for (index, answers) in ["[1,1,1,1,1]", "[0,0,0,0,0]", "[1,1,1,1,2]"].enumerated() {
                let body = responseJSON(citizen: "c-\(index)", answers: answers, date: "2026-06-01")
                #expect(
                    try await client.post("/v1/responses", token: fixture.tokens["admin"], body: body).status
                        == .created)
            }
            let two = try await client.get("/v1/attention?limit=2", token: fixture.tokens["caseworker"])
            #expect(two.status == .ok)
            #expect((two.json["entries"] as? [[String: Any]])?.count == 2)
            #expect(two.json["total"] as? Int == 3)
            #expect(try AuditTrail.read(folder: fixture.folder.url).records.count == 2)
            for bad in ["0", "1001", "ten"] {
                let refused = try await client.get("/v1/attention?limit=\(bad)", token: fixture.tokens["caseworker"])
                #expect(refused.status == .unprocessableContent, "limit=\(bad)")
                #expect(refused.problemErrors == ["limit:range"], "limit=\(bad)")
            }
            #expect(try AuditTrail.read(folder: fixture.folder.url).records.count == 2)
        }
    }
}
