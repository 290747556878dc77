import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import SporInstruments
import SporLog
import SporTesting
import Synchronization
import Testing

@testable import SporApplication
@testable import SporServer

/// The API batch (`POST /v1/responses/batch`) and an import of the same rows (`UseCases.importFile`, what
/// `spor import` calls) go through one pipeline: they store the same rows identically, with the same derived id
/// for a row without one (docs/data-contract.md), compared on the log dumps of two data folders with one key.
@Suite struct BatchImportParityTests {
    /// One row, as the batch and the files give it.
    struct Row {
        var id: UUID?
        var citizen: String?
        var cpr: String?
        var instrument = "who5"
        var date: String
        var answers: [Int?]
        var unit: String?
        var intervention: String?
        var mode: String?

        var json: String {
            var members: [String] = []
            if let id { members.append(#""id":"\#(id.uuidString.lowercased())""#) }
            if let citizen { members.append(#""citizen":"\#(citizen)""#) }
            if let cpr { members.append(#""cpr":"\#(cpr)""#) }
            members.append(#""instrument":"\#(instrument)","administeredAt":"\#(date)""#)
            members.append(#""answers":[\#(answers.map { $0.map(String.init) ?? "null" }.joined(separator: ","))]"#)
            for (name, value) in [("unit", unit), ("intervention", intervention), ("mode", mode)] {
                if let value { members.append(#""\#(name)":"\#(value)""#) }
            }
            return "{" + members.joined(separator: ",") + "}"
        }

        static let csvHeader =
            "id,citizen,cpr,instrument,administeredAt,item1,item2,item3,item4,item5,unit,intervention,mode"

        var csv: String {
            ([id?.uuidString.lowercased() ?? "", citizen ?? "", cpr ?? "", instrument, date]
                + answers.map { $0.map(String.init) ?? "" } + [unit ?? "", intervention ?? "", mode ?? ""])
                .joined(separator: ",")
        }
    }

    /// Rows with and without ids, by citizen id and by CPR number, both instruments, optional fields left out,
    /// and the same content twice without an id (two responses).
    static let rows: [Row] =
        (0..<40).map(row) + [
            Row(citizen: "c-twice", date: "2026-02-02", answers: [1, 2, 3, 4, 5]),
            Row(citizen: "c-twice", date: "2026-02-02", answers: [1, 2, 3, 4, 5]),
        ]

    static func row(_ index: Int) -> Row {
        let byCPR = index % 5 == 4
        let answers: [Int?] = (0..<5).map { item in (index + item) % 9 == 0 ? nil : (index * 7 + item) % 5 }
        var row = Row(date: String(format: "2026-%02d-%02d", index % 6 + 1, index % 27 + 1), answers: answers)
        row.id = index % 3 == 0 ? UUID() : nil
        row.citizen = byCPR ? nil : "c-\(index % 7)"
        row.cpr = byCPR ? String(format: "%02d0190-1234", index % 28 + 1) : nil
        row.instrument = index % 4 == 3 ? "brief-inspire-o" : "who5"
        row.unit = index % 6 == 5 ? nil : ["bostotte-nord", "bostotte-syd"][index % 2]
        row.intervention = index % 2 == 0 ? "SEL85" : nil
        row.mode = index % 3 == 1 ? "with-staff" : nil
        return row
    }

    /// The content of each dumped event: the event's fields without its place in the log (sequence, hash, time)
    /// and without its author, which differs by design (a token, an import).
    static let compared = [
        "type", "id", "citizen", "instrument", "administeredAt", "answers", "unit", "intervention", "mode",
        "definitionVersion",
    ]

    static func dump(_ spor: UseCases) async throws -> [[String: String]] {
        var lines: [String] = []
        try await spor.dumpLog(by: .cli(), via: "test dump") { lines.append($0) }
        return try lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var kept: [String: String] = [:]
            for key in compared { if let value = object[key] { kept[key] = "\(value)" } }
            return kept
        }
    }

    @Test(arguments: ["jsonl", "csv"]) func theBatchAndAnImportStoreTheSameRows(format: String) async throws {
        let fixture = try Fixture()
        let importFolder = try TemporaryFolder(prefix: "spor-import")
        defer { importFolder.remove() }
        // One pseudonymisation key for both folders, so a CPR number gives one citizen id in both.
        let data = importFolder.path("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixture.folder.path(Pseudonymiser.keyFileName),
            to: data.appendingPathComponent(Pseudonymiser.keyFileName))

        let body = #"{"responses":[\#(Self.rows.map(\.json).joined(separator: ","))]}"#
        let batchDump = try await Self.batchDump(fixture, body: body)

        let file = importFolder.path("rows.\(format)")
        let text =
            format == "csv"
            ? ([Row.csvHeader] + Self.rows.map(\.csv)).joined(separator: "\n") + "\n"
            : Self.rows.map(\.json).joined(separator: "\n") + "\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let storage = try DataFolder(url: data, mode: .writing, logger: fixture.capture.logger)
        let spor = UseCases(folder: storage, today: { Fixture.today })
        let importDump = try await spor.closing { spor in
            let imported = try await spor.importFile(path: file.path, by: .cli())
            #expect(
                imported
                    == UseCases.Imported(written: Self.rows.count, alreadyStored: 0, rejected: 0, rejectedFile: nil))
            return try await Self.dump(spor)
        }

        #expect(batchDump.count == Self.rows.count && importDump.count == Self.rows.count)
        // The same content, row by row (apart from the derived ids).
        func withoutID(_ event: [String: String]) -> [String: String] { event.filter { $0.key != "id" } }
        #expect(batchDump.map(withoutID) == importDump.map(withoutID))
        // Rows with an id keep it.
        for (index, row) in Self.rows.enumerated() where row.id != nil {
            #expect(batchDump[index]["id"] == row.id!.uuidString.lowercased())
            #expect(importDump[index]["id"] == row.id!.uuidString.lowercased())
        }
        // A row without an id gets the same derived id either way, so sending a batch of rows that were imported
        // (or the other way round) stores nothing twice.
        let derived = Self.rows.indices.filter { Self.rows[$0].id == nil }
        #expect(derived.map { batchDump[$0]["id"] } == derived.map { importDump[$0]["id"] })
        #expect(Set(derived.compactMap { batchDump[$0]["id"] }).count == derived.count, "two identical rows: two ids")
        #expect(
            derived.allSatisfy { batchDump[$0]["id"]?.dropFirst(14).first == "8" }, "version 8: derived, not random")
        #expect(
            derived.allSatisfy { importDump[$0]["id"]?.dropFirst(14).first == "8" }, "version 8: derived, not random")
    }

    /// Posts the batch as admin and dumps the fixture's log.
    static func batchDump(_ fixture: Fixture, body: String) async throws -> [[String: String]] {
        let dumped = Dumped()
        try await fixture.test { client in
            let response = try await client.post("/v1/responses/batch", token: fixture.tokens["admin"], body: body)
            #expect(response.status == .created, "\(response.text)")
            // Sending the same batch again stores nothing twice.
            let again = try await client.post("/v1/responses/batch", token: fixture.tokens["admin"], body: body)
            #expect(again.status == .ok)
            let events = try await Self.dump(fixture.spor())
            dumped.events.withLock { $0 = events }
        }
        return dumped.events.withLock { $0 }
    }

    /// Carries the dump out of the fixture's sendable closure.
    final class Dumped: Sendable {
        let events = Mutex<[[String: String]]>([])
    }
}
