import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporServer

/// `GET /metrics`: only an admin token reads it, it is the Prometheus text format, and its figures move with what
/// the server does, without an id, a token or a unit in any label.
@Suite struct MetricsTests {
    /// The value of the sample `name{labels}` in a scrape, `nil` when it is absent.
    static func value(_ text: String, _ name: String, _ labels: String = "") -> Double? {
        let prefix = labels.isEmpty ? "\(name) " : "\(name){\(labels)} "
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    @Test func onlyAnAdminTokenReadsTheMetrics() async throws {
        let fixture = try Fixture()
        let tokens = fixture.tokens
        try await fixture.test { client in
            for (token, status) in [
                (nil, HTTPResponse.Status.unauthorized), (tokens["revoked"], .unauthorized),
                (tokens["staff"], .forbidden),
                (tokens["caseworker"], .forbidden), (tokens["strategic"], .forbidden),
            ] {
                let response = try await client.get("/metrics", token: token)
                #expect(response.status == status)
                #expect(response.headers[.contentType] == Problem.mediaType)
                #expect(!response.text.contains("spor_"))
            }
            let response = try await client.get("/metrics", token: tokens["admin"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.text.contains("# TYPE spor_log_records gauge\n"))
        }
    }

    @Test func theFiguresMoveWithRequestsWritesAndReads() async throws {
        let fixture = try Fixture()
        let tokens = fixture.tokens
        try await fixture.test { client in
            let before = try await client.get("/metrics", token: tokens["admin"]).text
            #expect(Self.value(before, "spor_log_records") == 0)
            #expect(Self.value(before, "spor_dataset_responses") == 0)
            let recorded = try await client.post(
                "/v1/responses", token: tokens["staff"], body: responseJSON(citizen: "c-metrics"))
            #expect(recorded.status == .created)
            let read = try await client.get("/v1/citizens/c-metrics/trajectory", token: tokens["caseworker"])
            #expect(read.status == .ok)
            _ = try await client.execute(uri: "/v1/instruments", method: .delete, headers: [:], body: nil)
            let after = try await client.get("/metrics", token: tokens["admin"]).text
            let created = #"method="POST",route="/v1/responses",status="201""#
            #expect(Self.value(after, "spor_http_requests_total", created) == 1)
            #expect(Self.value(after, "spor_http_request_duration_seconds_count", created) == 1)
            #expect(Self.value(after, "spor_http_requests_total", #"method="GET",route="/metrics",status="200""#) == 1)
            #expect(
                Self.value(after, "spor_http_requests_total", #"method="DELETE",route="/v1/instruments",status="405""#)
                    == 1)
            #expect(Self.value(after, "spor_log_records") == 1)
            #expect((Self.value(after, "spor_log_bytes") ?? 0) > (Self.value(before, "spor_log_bytes") ?? .infinity))
            #expect(Self.value(after, "spor_log_append_duration_seconds_count") == 1)
            #expect(Self.value(after, "spor_log_group_commit_batches_count") == 1)
            #expect(Self.value(after, "spor_log_group_commit_records_sum") == 1)
            #expect(Self.value(after, "spor_log_fsync_duration_seconds_count") == 1)
            #expect(Self.value(after, "spor_dataset_responses") == 1)
            #expect(Self.value(after, "spor_dataset_citizens") == 1)
            #expect(Self.value(after, "spor_audit_lines_total") == 1)
            #expect(Self.value(after, "spor_snapshot_age_seconds") == nil)
            for secret in ["c-metrics", Fixture.unit] + tokens.values {
                #expect(!after.contains(secret), "a label holds a citizen id, a unit or a token")
            }
            // The same method, route and status again: the figures kept for them move on.
            let again = try await client.get("/metrics", token: tokens["admin"]).text
            let scrape = #"method="GET",route="/metrics",status="200""#
            #expect(Self.value(again, "spor_http_requests_total", scrape) == 2)
            #expect(Self.value(again, "spor_http_request_duration_seconds_count", scrape) == 2)
        }
    }

    @Test func theSnapshotsAgeIsReadAtEachScrape() async throws {
        let fixture = try Fixture()
        let admin = fixture.tokens["admin"]
        let snapshot = fixture.folder.url.appendingPathComponent("dataset.snapshot")
        try await fixture.test { client in
            #expect(Self.value(try await client.get("/metrics", token: admin).text, "spor_snapshot_age_seconds") == nil)
            try Data("snapshot".utf8).write(to: snapshot)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-90)], ofItemAtPath: snapshot.path)
            let age = try #require(
                Self.value(try await client.get("/metrics", token: admin).text, "spor_snapshot_age_seconds"))
            #expect(age >= 89 && age < 3600)
            try FileManager.default.removeItem(at: snapshot)
            #expect(Self.value(try await client.get("/metrics", token: admin).text, "spor_snapshot_age_seconds") == nil)
        }
    }

    @Test func aPathNoRouteServesIsUnmatchedInTheLabels() async throws {
        let fixture = try Fixture()
        let tokens = fixture.tokens
        try await fixture.test { client in
            _ = try await client.get("/v1/citizens/0101901234/whatever", token: tokens["admin"])
            let scrape = try await client.get("/metrics", token: tokens["admin"]).text
            #expect(
                Self.value(scrape, "spor_http_requests_total", #"method="GET",route="unmatched",status="404""#) == 1)
            #expect(!scrape.contains("0101901234"))
        }
    }
}
