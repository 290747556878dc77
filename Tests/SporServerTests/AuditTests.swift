import Foundation
import HTTPTypes
import HummingbirdTesting
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct AuditTests {
    @Test func everyReadOfOneCitizenAndEveryResolveIsAudited() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            _ = try await client.post(
                "/v1/responses", token: fixture.tokens["staff"], body: responseJSON(citizen: "c-7"))
            #expect(try AuditTrail.read(folder: fixture.folder.url).records.isEmpty)
            _ = try await client.get("/v1/citizens/c-7/trajectory", token: fixture.tokens["staff"])
            _ = try await client.get("/v1/citizens/c-7/summary?since=2026-01-01", token: fixture.tokens["caseworker"])
            let resolved = try await client.post(
                "/v1/citizens/resolve", token: fixture.tokens["admin"], body: #"{"cpr":"0101901234"}"#)
            // Refused reads are not data reads: nothing audited for them.
            _ = try await client.get("/v1/citizens/c-7/trajectory", token: fixture.tokens["staff-syd"])
            _ = try await client.get("/v1/citizens/c-7/trajectory", token: fixture.tokens["strategic"])
            let records = try AuditTrail.read(folder: fixture.folder.url).records
            #expect(records.map(\.who) == ["staff", "caseworker", "admin"])
            #expect(records.map(\.role) == [.staff, .caseworker, .admin])
            #expect(
                records.map { $0.citizen?.rawValue ?? "-" } == [
                    "c-7", "c-7", resolved.json["citizen"] as? String ?? "?",
                ])
            #expect(
                records.map(\.endpoint) == [
                    "GET /v1/citizens/{citizen}/trajectory", "GET /v1/citizens/{citizen}/summary",
                    "POST /v1/citizens/resolve",
                ])
            #expect(records.allSatisfy { abs($0.at.timeIntervalSinceNow) < 60 })
            let attributes = try FileManager.default.attributesOfItem(
                atPath: fixture.folder.path(AuditTrail.fileName).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test func aLineIsTheJSONOfTheRecordWithSortedKeysAndMilliseconds() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        for seconds in [0, 1_763_890_200.5, 1_763_890_200.999, 1_763_890_200.0421, 951_782_400.25, 4_102_444_799.75] {
            let record = AuditRecord(
                at: Date(timeIntervalSince1970: seconds), who: "anna", role: .staff,
                citizen: CitizenID(rawValue: "p-abc")!,
                endpoint: "GET /v1/citizens/{citizen}/trajectory")
            let expected = String(decoding: try encoder.encode(record), as: UTF8.self)
            #expect(record.json == expected)
        }
        #expect(UTCTimestamp.text(Date(timeIntervalSince1970: 951_782_400.007)) == "2000-02-29T00:00:00.007Z")
        #expect(UTCTimestamp.text(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        // Instants from 1900 to 2200: the date and time of day as Foundation's Gregorian calendar in UTC gives them,
        // and the instant's milliseconds truncated.
        var random = SeededGenerator(seed: 59)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for _ in 0..<2_000 {
            let date = Date(
                timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &random))
                    / 1000)
            let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
            let (second, millisecond) = (
                milliseconds - ((milliseconds % 1000) + 1000) % 1000, ((milliseconds % 1000) + 1000) % 1000
            )
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(second / 1000))
            )
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!,
                parts.minute!, parts.second!, millisecond)
            #expect(UTCTimestamp.text(date) == expected)
        }
    }

    @Test func concurrentAppendsAreAllDurableAndWhole() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let trail = try AuditTrail(folder: folder.url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<500 {
                group.addTask {
                    try await trail.append(
                        AuditRecord(
                            at: Date(), who: "reader-\(index)", role: .caseworker,
                            citizen: CitizenID(rawValue: "c-\(index)")!,
                            endpoint: "GET /v1/citizens/{citizen}/trajectory"))
                }
            }
            try await group.waitForAll()
        }
        let records = try AuditTrail.read(folder: folder.url).records
        #expect(records.count == 500)
        #expect(Set(records.map(\.who)) == Set((0..<500).map { "reader-\($0)" }))
    }

    @Test func aTornLineIsCutAtOpenAndABadLineNeverHidesTheOthers() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let record = { (who: String) in
            AuditRecord(
                at: Date(), who: who, role: .caseworker, citizen: CitizenID(rawValue: "c-1")!, endpoint: "GET /v1/x")
        }
        do {
            let trail = try AuditTrail(folder: folder.url)
            try await trail.append(record("first"))
            try await trail.append(record("second"))
        }
        let appendBytes = { (text: String) in
            let handle = try FileHandle(forWritingTo: folder.path(AuditTrail.fileName))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        // A crash in the middle of writing a line, then a line damaged on disk.
        try appendBytes("{\"at\":\"2026-11-30T1")
        let trail = try AuditTrail(folder: folder.url)
        try await trail.append(record("third"))
        try appendBytes("not json\n")
        try await trail.append(record("fourth"))
        let contents = try AuditTrail.read(folder: folder.url)
        #expect(contents.records.map(\.who) == ["first", "second", "third", "fourth"])
        #expect(contents.damaged == 1)
        #expect(try AuditTrail.verify(folder: folder.url).broken == [4])
        let listed = try SporBinary.run(["audit", "--data", folder.url.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.split(separator: "\n").count == 4)
        #expect(listed.stderr.contains("1 damaged or unchained lines of the audit trail were skipped"))
    }

    @Test func theAuditCommandFiltersByCitizenAndDate() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for citizen in ["c-1", "c-2"] {
                _ = try await client.post(
                    "/v1/responses", token: fixture.tokens["admin"], body: responseJSON(citizen: citizen))
                _ = try await client.get("/v1/citizens/\(citizen)/trajectory", token: fixture.tokens["caseworker"])
            }
            let all = try SporBinary.run(["audit", "--data", fixture.folder.url.path])
            #expect(all.status == 0)
            #expect(all.stdout.split(separator: "\n").count == 2)
            let one = try SporBinary.run([
                "audit", "--data", fixture.folder.url.path, "--citizen", "c-2", "--format", "json",
            ])
            #expect(one.stdout.split(separator: "\n").count == 1)
            #expect(one.stdout.contains(#""citizen":"c-2""#) && one.stdout.contains(#""who":"caseworker""#))
            let future = try SporBinary.run(["audit", "--data", fixture.folder.url.path, "--since", "2999-01-01"])
            #expect(future.stdout.isEmpty)
        }
    }
}
