import Foundation
import SporInstruments
import SporReports
import Testing

/// The hand-written JSON of trajectories and summaries against `JSONEncoder` on the same values.
@Suite struct ReportJSONTests {
    /// Citizens with every shape a trajectory or summary can take: both instruments, incomplete answers,
    /// corrections with awkward reasons, retractions, missing labels.
    private func varied() throws -> ResponseDataset {
        var log = LogBuilder()
        for citizen in 0..<12 {
            let name = "c-\(citizen)"
            var ids: [UUID] = []
            for visit in 0..<(citizen % 5 + 1) {
                let date = "2025-\(String(format: "%02d", 1 + visit * 2))-1\(citizen % 9)"
                let raw = (citizen * 7 + visit * 5) % 26
                ids.append(
                    log.record(
                        name, date, who5(raw: raw), unit: citizen % 3 == 0 ? nil : "u\(citizen % 3)",
                        intervention: visit % 2 == 0 ? "SEL85" : nil))
                let inspire: [Int?] = (0..<5).map { item in
                    item == citizen % 5 && visit == 1 ? nil : (citizen + item + visit) % 5
                }
                log.record(name, date, inspire, instrument: .briefInspireO, unit: "u1")
            }
            if citizen % 4 == 1 {
                log.correct(ids[0], name, "2025-01-02", who5(raw: 20), reason: #"skrev "3" i stedet for "4" / æøå \ 😀"#)
            }
            if citizen % 4 == 2, ids.count > 1 { log.retract(ids[1], reason: "forkert borger") }
        }
        return try log.dataset()
    }

    private func encoderBytes(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        // JSONEncoder writes UUIDs in capitals; Spor writes them in lowercase everywhere.
        let uuid = try Regex(#"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"#)
        return text.replacing(uuid) { $0.output[0].substring!.lowercased() }
    }

    @Test func trajectoriesEqualJSONEncoder() throws {
        let dataset = try varied()
        var compared = 0
        for citizen in 0..<12 {
            for history in [false, true] {
                let trajectory = try #require(
                    dataset.trajectory(of: CitizenID(rawValue: "c-\(citizen)")!, history: history))
                #expect(
                    String(decoding: try ReportJSON.data(trajectory), as: UTF8.self) == (try encoderBytes(trajectory)))
                compared += 1
            }
        }
        #expect(compared == 24)
    }

    @Test func attentionListsEqualJSONEncoder() throws {
        let dataset = try varied()
        var entries = 0
        for scope in [ResponseScope.all, .units([Label(rawValue: "u1")!]), .units([Label(rawValue: "u2")!])] {
            for silence in [30, 120] {
                let list = dataset.attentionList(
                    scope: scope, asOf: CalendarDate(year: 2025, month: 12, day: 1)!, silenceDays: silence)
                #expect(String(decoding: try ReportJSON.data(list), as: UTF8.self) == (try encoderBytes(list)))
                entries += list.entries.count
            }
        }
        #expect(entries > 12)
    }

    @Test func summariesEqualJSONEncoder() throws {
        let dataset = try varied()
        for citizen in 0..<12 {
            for since in ["2025-01-01", "2025-04-01", "2026-01-01"] {
                let summary = try #require(
                    dataset.summary(
                        of: CitizenID(rawValue: "c-\(citizen)")!, since: CalendarDate(iso8601: since)!,
                        asOf: CalendarDate(iso8601: "2026-11-23")!))
                #expect(String(decoding: try ReportJSON.data(summary), as: UTF8.self) == (try encoderBytes(summary)))
            }
        }
    }

    @Test func prettyIsTheSameJSONIndented() throws {
        let dataset = try varied()
        let trajectory = try #require(dataset.trajectory(of: CitizenID(rawValue: "c-1")!, history: true))
        let compact = try ReportJSON.data(trajectory)
        let pretty = try ReportJSON.data(trajectory, pretty: true)
        let text = String(decoding: pretty, as: UTF8.self)
        #expect(text.contains("\n  \"history\": true,\n"))
        #expect(text.contains(#"skrev \"3\" i stedet for \"4\" / æøå \\ 😀"#))
        let a = try JSONSerialization.jsonObject(with: compact) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: pretty) as? NSDictionary
        #expect(a != nil && a == b)
    }
}
