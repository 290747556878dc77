import Foundation
import SporTesting
import Testing

@Suite struct RecordCommandTests {
    let flags = [
        "--citizen", "c-000123", "--instrument", "who5", "--date", "2026-03-14", "--answers", "3,4,2,3,1",
        "--unit", "bostotte-nord", "--intervention", "SEL85", "--mode", "with-staff",
    ]

    @Test func recordsOnceAndAnswersWithTheStoredResponse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let id = "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11"
        let first = try spor(["record", "--id", id, "--format", "json"] + flags, data: folder)
        #expect(first.status == 0)
        #expect(first.stdout.contains("\"status\":\"stored\""))
        #expect(first.stdout.contains("\"complete\":true,\"definitionVersion\":\"1\",\"flags\":[\"itemAtFloor\"]"))
        #expect(first.stdout.contains("\"raw\":13,\"score\":52"))
        let again = try spor(["record", "--id", id, "--format", "json"] + flags, data: folder)
        #expect(again.status == 0)
        #expect(again.stdout.contains("\"status\":\"already stored\""))
        var changed = flags
        changed[7] = "3,4,2,3,2"
        let conflict = try spor(["record", "--id", id] + changed, data: folder)
        #expect(conflict.status != 0)
        #expect(conflict.stderr.contains("stored with other content"))
        #expect(try spor(["verify"], data: folder).stdout.hasPrefix("ok: 1 records"))
    }

    @Test func invalidInputNamesFieldAndRuleAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var bad = flags
        bad[7] = "3,4,9,3,1"
        let result = try spor(["record"] + bad, data: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("answers[2]"))
        #expect(result.stderr.contains("(range)"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("segment-00000001.log").path))
    }

    @Test func cprNumberNeverReachesLogOrOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let json =
            #"{"cpr":"010190-1234","instrument":"brief-inspire-o","administeredAt":"2026-01-02","answers":[1,2,3,4,null]}"#
        let result = try spor(["record", "-", "--format", "json"], data: folder, stdin: json)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"citizen\":\"p-"))
        let dump = try spor(["log", "dump"], data: folder)
        let segment = try Data(contentsOf: folder.path("segment-00000001.log"))
        for text in [result.stdout, result.stderr, dump.stdout, String(decoding: segment, as: UTF8.self)] {
            #expect(!text.contains("0101901234"))
            #expect(!text.contains("010190-1234"))
        }
        let again = try spor(
            ["record", "-", "--format", "json"], data: folder,
            stdin: json.replacingOccurrences(of: "010190-1234", with: "0101901234"))
        #expect(again.stdout.contains(result.stdout.components(separatedBy: "\"citizen\":\"")[1].prefix(34)))
        let badDate = try spor(
            ["record", "-"], data: folder, stdin: json.replacingOccurrences(of: "010190", with: "320190"))
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("cpr"))
        #expect(!badDate.stderr.contains("320190"))
    }

    @Test func correctAndRetractFollowTheRules() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let id = "6b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11"
        #expect(try spor(["record", "--id", id] + flags, data: folder).status == 0)
        let corrected = try spor(["correct", id, "--answers", "3,4,2,3,5", "--reason", "tastefejl"], data: folder)
        #expect(corrected.status == 0)
        #expect(corrected.stdout.contains("68 (raw 17)"))
        let cprReason = try spor(
            ["correct", id, "--answers", "3,4,2,3,4", "--reason", "borger 010190-1234"], data: folder)
        #expect(cprReason.status != 0)
        #expect(!cprReason.stderr.contains("1234"))
        #expect(try spor(["retract", id, "--reason", "forkert borger"], data: folder).status == 0)
        let afterRetraction = try spor(["correct", id, "--date", "2026-03-01", "--reason", "dato"], data: folder)
        #expect(afterRetraction.status != 0)
        #expect(afterRetraction.stderr.contains("retracted"))
        let unknown = try spor(["retract", "7b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11", "--reason", "x"], data: folder)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("No response with that id is stored"))
        let dump = try spor(["log", "dump"], data: folder)
        #expect(
            dump.stdout.split(separator: "\n").map {
                $0.components(separatedBy: "\"type\":\"")[1].prefix(while: { $0 != "\"" })
            }
                == ["responseRecorded", "responseCorrected", "responseRetracted"])
    }
}
