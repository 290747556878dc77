import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct ReportsTests {
    @Test func trendsCountRecordedResponsesAndSuppressSmallCells() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let admin = fixture.tokens["admin"]
            // Six citizens in bostotte-nord, two in bostotte-syd, five in bostotte-vest, all in 2026-Q1.
            let responses =
                (1...6).map { responseJSON(citizen: "n-\($0)", answers: "[2,2,2,2,2]") }
                + (1...2).map { responseJSON(citizen: "s-\($0)", unit: Fixture.otherUnit) }
                + (1...5).map { responseJSON(citizen: "v-\($0)", unit: "bostotte-vest") }
            #expect(
                try await client.post(
                    "/v1/responses/batch", token: admin, body: #"{"responses":[\#(responses.joined(separator: ","))]}"#
                ).status == .created)
            let report = try await client.get(
                "/v1/reports/trends?instrument=who5&period=quarter&by=unit", token: fixture.tokens["strategic"])
            #expect(report.status == .ok)
            let cells = report.json["cells"] as? [[String: Any]] ?? []
            #expect(cells.count == 3)
            let nord = try #require(cells.first { $0["group"] as? String == Fixture.unit })
            #expect(nord["period"] as? String == "2026-Q1")
            #expect(nord["suppressed"] as? Bool == false)
            #expect(nord["citizens"] as? Int == 6)
            #expect(nord["meanScore"] as? Double == 40)
            let syd = try #require(cells.first { $0["group"] as? String == Fixture.otherUnit })
            #expect(syd["suppressed"] as? Bool == true)
            #expect(syd["suppression"] as? String == "primary")
            #expect(syd["citizens"] == nil)
            // Two suppressed citizens are fewer than 5, so the smallest other unit is suppressed with them.
            let vest = try #require(cells.first { $0["group"] as? String == "bostotte-vest" })
            #expect(vest["suppression"] as? String == "complementary")
            #expect(vest["citizens"] == nil)
            #expect(nord["changeSuppressed"] as? Bool == true)
            #expect(!report.text.contains("n-1") && !report.text.contains("s-1"))
        }
    }

    @Test func trajectoryAndSummaryShowTheChange() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let staff = fixture.tokens["staff"]
            _ = try await client.post(
                "/v1/responses", token: staff,
                body: responseJSON(citizen: "c-t", answers: "[2,2,2,2,2]", date: "2026-01-10"))
            _ = try await client.post(
                "/v1/responses", token: staff,
                body: responseJSON(citizen: "c-t", answers: "[3,3,3,3,3]", date: "2026-05-10"))
            let trajectory = try await client.get("/v1/citizens/c-t/trajectory", token: staff)
            let instruments = trajectory.json["instruments"] as? [[String: Any]] ?? []
            let points = instruments.first?["points"] as? [[String: Any]] ?? []
            #expect(points.map { $0["score"] as? Int } == [40, 60])
            #expect((points.last?["changeSincePrevious"] as? [String: Any])?["delta"] as? Int == 20)
            let summary = try await client.get(
                "/v1/citizens/c-t/summary?since=2026-03-01", token: fixture.tokens["caseworker"])
            #expect(summary.status == .ok)
            #expect(summary.json["since"] as? String == "2026-03-01")
            #expect(summary.json["asOf"] as? String == "2026-06-30")
            let missing = try await client.get("/v1/citizens/c-t/summary", token: fixture.tokens["caseworker"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.problemErrors == ["since:required"])
        }
    }

    @Test func badReportParametersAre422() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let cases: [(String, [String])] = [
                ("", ["instrument:required"]),
                ("instrument=who6", ["instrument:unknownInstrument"]),
                ("instrument=who5&period=week&by=team", ["period:format", "by:format"]),
                ("instrument=who5&from=2026-13-01", ["from:format"]),
                ("instrument=who5&from=2026-07-01&to=2026-03-31", ["to:range"]),
                // Dates off the period's boundaries would let two reports be subtracted down to one citizen.
                ("instrument=who5&from=2026-05-01", ["from:range"]),
                ("instrument=who5&period=month&from=2026-05-02&to=2026-05-30", ["from:range", "to:range"]),
                ("instrument=who5&period=year&from=2026-04-01&to=2026-12-30", ["from:range", "to:range"]),
                ("instrument=who5&minCell=1", ["query:unknownField"]),
            ]
            for (query, errors) in cases {
                let response = try await client.get("/v1/reports/trends?\(query)", token: fixture.tokens["strategic"])
                #expect(response.status == .unprocessableContent, "\(query)")
                #expect(response.problemErrors == errors, "\(query)")
            }
            for query in [
                "period=month&from=2026-05-01&to=2026-05-31", "period=quarter&from=2026-04-01&to=2026-09-30",
                "period=year&from=2025-01-01&to=2026-12-31", "period=month&from=2024-02-01&to=2024-02-29",
            ] {
                let response = try await client.get(
                    "/v1/reports/trends?instrument=who5&\(query)", token: fixture.tokens["strategic"])
                #expect(response.status == .ok, "\(query)")
            }
        }
    }
}
