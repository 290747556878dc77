import Foundation
import SporTesting
import Testing

/// `spor score` run as the real binary: the right scores, and clear errors with a failing exit status.
@Suite struct ScoreCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func tableShowsScoresAndFlagsInWords() throws {
        let result = try SporBinary.run(["score", "who5", "3", "4", "2", "3", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Raw score   13 of 25"))
        #expect(result.stdout.contains("Score       52 of 100"))
        #expect(result.stdout.contains("itemAtFloor: An item answered 0 or 1"))
        #expect(!result.stdout.contains("lowWellbeing"))
    }

    @Test func jsonHasTheContractShape() throws {
        let who5 = try SporBinary.run(["score", "who5", "1", "1", "1", "2", "2", "--format", "json"])
        #expect(who5.status == 0)
        let score = try json(who5.stdout)
        #expect(score["raw"] as? Int == 7)
        #expect(score["score"] as? Int == 28)
        #expect(Set(score["flags"] as? [String] ?? []) == ["lowWellbeing", "veryLowWellbeing", "itemAtFloor"])
        let inspire = try json(
            try SporBinary.run(["score", "brief-inspire-o", "3", "2", "2", "3", "null", "--format", "json"]).stdout)
        #expect(inspire["complete"] as? Bool == false)
        #expect(inspire["score"] is NSNull)
        #expect((inspire["chime"] as? [String: Any])?["empowerment"] is NSNull)
        #expect((inspire["chime"] as? [String: Any])?["connectedness"] as? Int == 3)
    }

    @Test func standardInputTakesTheWholeContract() throws {
        let input =
            #"{"citizen":"c-1","instrument":"brief-inspire-o","administeredAt":"2026-03-14","answers":[2,2,2,2,2]}"#
        let result = try SporBinary.run(["score", "-", "--format", "json"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        let score = try json(result.stdout)
        #expect(score["score"] as? Int == 50)
        #expect(score["flags"] as? [String] == [])
    }

    @Test func everyErrorIsNamedAndTheExitStatusFails() throws {
        let input =
            #"{"cpr":"3102851234","instrument":"who5","administeredAt":"2026-13-01","answers":[3,4,"2",3,7,1],"note":1}"#
        let result = try SporBinary.run(["score", "-"], stdin: Data(input.utf8))
        #expect(result.status == 1)
        for expected in [
            "$: ", "[unknownField]", "cpr: ", "[date]", "administeredAt: ", "[format]", "answers: ", "[count]",
            "answers[2]: ", "[type]", "answers[4]: ", "[range]",
        ] {
            #expect(result.stderr.contains(expected), "missing \(expected)")
        }
        #expect(!result.stderr.contains("3102851234") && !result.stderr.contains("310285"))
        #expect(result.stdout.isEmpty)
    }

    @Test func errorsAsJSON() throws {
        let result = try SporBinary.run(["score", "who5", "3", "4", "2.5", "true", "\"3\"", "--format", "json"])
        #expect(result.status == 1)
        let errors = try #require(try json(result.stdout)["errors"] as? [[String: String]])
        #expect(errors.map { $0["field"] ?? "" } == ["answers[2]", "answers[3]", "answers[4]"])
        #expect(errors.map { $0["rule"] ?? "" } == ["integer", "type", "type"])
    }

    @Test func wrongCountUnknownInstrumentAndMalformedJSON() throws {
        let four = try SporBinary.run(["score", "who5", "1", "2", "3", "4"])
        #expect(four.status == 1 && four.stderr.contains("[count]"))
        let unknown = try SporBinary.run(["score", "phq9", "1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("[unknownInstrument]"))
        let malformed = try SporBinary.run(["score", "-"], stdin: Data(#"{"answers": [1,2"#.utf8))
        #expect(malformed.status == 1 && malformed.stderr.contains("malformed JSON"))
    }

    /// Just over the limit, so the whole input fits through the pipe before `spor` stops reading.
    @Test func standardInputOverTheLimitIsRefused() throws {
        let huge = Data(("{\"note\":\"" + String(repeating: "x", count: 64 << 10) + "\"}").utf8)
        let result = try SporBinary.run(["score", "-"], stdin: huge)
        #expect(result.status != 0)
        #expect(result.stderr.contains("standard input is longer than 65536 bytes"))
        #expect(result.stdout.isEmpty)
    }
}
