import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct PrivacyTests {
    static let cprs = ["010190-1234", "0202855678", "150372-4321"]

    @Test func noCPRNumberReachesAFileOrALogLine() async throws {
        let fixture = try Fixture()
        let folder = fixture.folder.url
        let capture = fixture.capture
        let tokens = fixture.tokens
        try await fixture.application().test(.router) { client in
            func body(_ cpr: String) -> String {
                #"{"cpr":"\#(cpr)","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1],"unit":"bostotte-nord"}"#
            }
            let single = try await client.post("/v1/responses", token: tokens["staff"], body: body(Self.cprs[0]))
            #expect(single.status == .created)
            let batch = try await client.post(
                "/v1/responses/batch", token: tokens["staff"], body: #"{"responses":[\#(body(Self.cprs[1]))]}"#)
            #expect(batch.status == .created)
            let resolved = try await client.post(
                "/v1/citizens/resolve", token: tokens["caseworker"], body: #"{"cpr":"\#(Self.cprs[0])"}"#)
            #expect(resolved.json["citizen"] as? String == single.json["citizen"] as? String)
            let citizen = try #require(resolved.json["citizen"] as? String)
            #expect(
                try await client.get("/v1/citizens/\(citizen)/trajectory", token: tokens["caseworker"]).status == .ok)
            // Refused inputs carrying a CPR number: a bad date elsewhere, a CPR in a reason, a CPR in the URL.
            _ = try await client.post(
                "/v1/responses", token: tokens["staff"],
                body: body(Self.cprs[2]).replacingOccurrences(of: "2026-03-14", with: "2030-01-01"))
            _ = try await client.get("/v1/citizens/\(Self.cprs[2])/trajectory", token: tokens["caseworker"])
            for text in [single.text, batch.text, resolved.text] {
                for cpr in Self.cprs { #expect(!text.contains(Self.digits(cpr))) }
            }
        }
        await fixture.storage.close()
        defer { fixture.folder.remove() }
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!.compactMap {
            $0 as? URL
        }
        #expect(files.count >= 4)
        for file in files {
            let bytes = (try? Data(contentsOf: file)) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self)
            for cpr in Self.cprs {
                #expect(!text.contains(Self.digits(cpr)), "\(file.lastPathComponent)")
                #expect(!text.contains(cpr), "\(file.lastPathComponent)")
                #expect(bytes.range(of: Data(Self.digits(cpr).utf8)) == nil)
            }
        }
        let lines = capture.lines
        #expect(lines.contains { $0.contains("route=/v1/responses") })
        for line in lines {
            for cpr in Self.cprs {
                #expect(!line.contains(Self.digits(cpr)) && !line.contains(cpr), "\(line)")
            }
            for token in tokens.values { #expect(!line.contains(token)) }
            #expect(!line.contains("p-"), "a citizen id in \(line)")
            #expect(!line.contains("c-1"))
        }
    }

    @Test func logLinesCarryMethodRouteStatusAndLatencyOnly() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            _ = try await client.get("/v1/citizens/c-secret/trajectory", token: fixture.tokens["caseworker"])
            let line = try #require(fixture.capture.lines.last { $0.contains("request") })
            #expect(line.contains("route=/v1/citizens/{citizen}/trajectory"))
            #expect(line.contains("method=GET") && line.contains("status=404") && line.contains("ms="))
            #expect(!line.contains("c-secret"))
        }
    }

    @Test func aStrategicTokenReachesNoIndividualData() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let strategic = fixture.tokens["strategic"]
            #expect(
                try await client.post(
                    "/v1/responses", token: fixture.tokens["admin"], body: responseJSON(citizen: "c-9")
                ).status == .created)
            let reads = [
                try await client.get("/v1/citizens/c-9/trajectory", token: strategic),
                try await client.get("/v1/citizens/c-9/summary?since=2026-01-01", token: strategic),
                try await client.post("/v1/citizens/resolve", token: strategic, body: #"{"cpr":"0101901234"}"#),
                try await client.post("/v1/responses", token: strategic, body: responseJSON(citizen: "c-9")),
            ]
            for response in reads {
                #expect(response.status == .forbidden)
                #expect(!response.text.contains("c-9"))
            }
            #expect(try AuditTrail.read(folder: fixture.folder.url).records.isEmpty)
        }
    }

    static func digits(_ cpr: String) -> String { cpr.replacingOccurrences(of: "-", with: "") }
}
