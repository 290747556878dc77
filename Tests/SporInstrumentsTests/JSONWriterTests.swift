import Foundation
import SporInstruments
import Testing

/// The hand-written JSON gives the bytes `JSONEncoder` (sorted keys, slashes not escaped) gives for the same values.
@Suite struct JSONWriterTests {
    struct Sample: Encodable {
        var integer: Int
        var text: String
        var flag: Bool
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    @Test(arguments: [
        0, 1, -1, 9, 10, 99, 100, -100, 12_345, Int(Int32.max), Int(Int32.min), Int.max, Int.min, 1_000_000_007,
    ])
    func integersAreWrittenAsJSONEncoderWritesThem(value: Int) throws {
        for text in ["bostotte-nord", "", "a\"b\\c", "line\nbreak\ttab\u{1}", "æøå/ÆØÅ 🙂", "\u{7F}"] {
            var json = JSONWriter()
            json.object { json in
                json.key("flag")
                json.bool(value % 2 == 0)
                json.key("integer")
                json.integer(value)
                json.key("text")
                json.string(text)
            }
            let expected = try Self.encoder.encode(Sample(integer: value, text: text, flag: value % 2 == 0))
            #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    /// A member name known only at run time is escaped as a string value is, as `JSONEncoder` escapes keys.
    @Test func dynamicKeysAreEscaped() throws {
        for name in ["connectedness", "", "a\"b\\c", "line\nbreak\ttab\u{1}", "æøå/ÆØÅ 🙂"] {
            var json = JSONWriter()
            json.object { json in
                json.dynamicKey(name)
                json.integer(1)
            }
            let expected = try Self.encoder.encode([name: 1])
            #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    /// The writer starts small and grows as it writes, once by many doublings for a single long first string;
    /// runs of 0 to 40 plain bytes between escapes are copied on both sides of the eight-byte steps and of the
    /// 32-byte short-copy limit. Every byte must survive the growth, in order.
    @Test func aWriterThatGrowsManyTimesKeepsEveryByte() throws {
        let texts =
            [String(repeating: "long ", count: 200)]
            + (0..<300).map { index in
                String(repeating: "x", count: index % 41) + (index % 2 == 0 ? "\"" : "\n") + String(index)
            }
        var json = JSONWriter(capacity: 1)
        json.array { json in
            for (index, text) in texts.enumerated() {
                json.string(text)
                json.integer(index * 1_000_003)
            }
        }
        let expected = try Self.encoder.encode(
            texts.enumerated().flatMap { [AnyEncodable($1), AnyEncodable($0 * 1_000_003)] })
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(json.withBytes { Array($0) } == json.bytes)
        #expect(json.text == String(decoding: json.bytes, as: UTF8.self))
    }

    private struct AnyEncodable: Encodable {
        let value: any Encodable
        init(_ value: any Encodable) { self.value = value }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    @Test func smallIntegerTypesAreWrittenInFull() {
        var json = JSONWriter()
        json.array { json in
            json.integer(Int8(-128))
            json.integer(UInt8(255))
            json.integer(UInt64.max)
            json.integer(Int16(-7))
            json.integer(nil)
            json.bool(false)
        }
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[-128,255,18446744073709551615,-7,null,false]")
    }

    /// Dates and response ids are written without their text being made first, as that text reads.
    @Test func datesAndIDsAreWrittenAsTheirText() throws {
        let dates = [
            try #require(CalendarDate(year: 2026, month: 1, day: 5)),
            try #require(CalendarDate(year: 1999, month: 12, day: 31)), CalendarDate(daysSinceEpoch: 0),
        ]
        let ids = [
            UUID(), try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000000")),
            try #require(UUID(uuidString: "FFFFFFFF-FFFF-4FFF-AFFF-0123456789AB")),
        ]
        var written = JSONWriter()
        var expected = JSONWriter()
        written.array { json in
            for date in dates { json.date(date) }
            for id in ids { json.uuid(id) }
        }
        expected.array { json in
            for date in dates { json.string(date.description) }
            for id in ids { json.string(id.uuidString.lowercased()) }
        }
        #expect(String(decoding: written.bytes, as: UTF8.self) == String(decoding: expected.bytes, as: UTF8.self))
    }
}
