import SporInstruments
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("values keep whether a number was an integer, and the members in order")
    func values() throws {
        let value = try JSONParser.parse(
            #" {"b": [1, -0, 2.5, 1e2, 3.0], "a": "x\u00e6\n", "c": [true, false, null], "b": {}} "#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["b", "a", "c", "b"])
        #expect(members[0].value == .array([.integer(1), .integer(0), .number(2.5), .number(100), .number(3)]))
        #expect(members[1].value == .string("xæ\n"))
        #expect(members[2].value == .array([.bool(true), .bool(false), .null]))
        #expect(members[3].value == .object([]))
    }

    @Test("surrogate pairs and UTF-8 text")
    func unicode() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00 ø""#) == .string("😀 ø"))
        #expect(try JSONParser.parse("\"Søren 😀\"") == .string("Søren 😀"))
    }

    @Test("an integer too large for Int is a number, one beyond Double is an error")
    func largeNumbers() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .integer(Int.max))
        #expect(try JSONParser.parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("1e999") }
    }

    @Test(
        "malformed documents are refused with the byte offset",
        arguments: [
            ("", 0), ("{", 1), ("[1,]", 3), ("[1 2]", 3), (#"{"a" 1}"#, 5), (#"{a: 1}"#, 1), ("01", 1), ("-", 1),
            ("1.", 2), ("1e", 2), ("tru", 0), ("nul", 0), ("[1] x", 4), (#""abc"#, 4), ("\"\u{01}\"", 1), (#""\x""#, 3),
            (#""\ud83d""#, 7), ("NaN", 0), ("'a'", 0), ("[1,2", 4),
        ])
    func malformed(_ text: String, _ offset: Int) {
        let failure = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        #expect(failure?.offset == offset, "\(failure?.description ?? "")")
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test("nesting is limited, so hostile input cannot exhaust the stack")
    func nestingLimit() throws {
        let deepest = JSONParser.maximumDepth
        _ = try JSONParser.parse(String(repeating: "[", count: deepest) + String(repeating: "]", count: deepest))
        let failure = #expect(throws: JSONParser.Failure.self) {
            try JSONParser.parse(String(repeating: "[", count: 100_000))
        }
        #expect(failure?.reason == "nested too deeply")
    }
}
