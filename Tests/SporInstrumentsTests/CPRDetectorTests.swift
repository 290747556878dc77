import Foundation
import SporInstruments
import SporTesting
import Testing

@Suite("CPR detector")
struct CPRDetectorTests {
    @Test(
        "the shapes users type are found",
        arguments: [
            "0101901234", "010190-1234", "010190.1234", "01-01-90-1234", "cpr-0101901234", "x0101901234x",
            "010190_1234",
            "01.01.90-12.34", "010190\u{2013}1234", "010190\u{2014}1234", "010190\u{2212}1234", "010190\u{00A0}1234",
            "010190 1234", "01/01/90 1234", "01:01:90:12:34", "borger 010190-1234, ringede", "nr. 01 01 90 12 34.",
            "290200-4234", "290296-1234", "290204-1234", "010190\u{200B}1234", "\u{FF10}x010190-1234", "12 010190-1234",
            "010190-1234 5", "010190-1234-5",
            "0\u{2010}1\u{2010}0\u{2010}1\u{2010}9\u{2010}0\u{2010}1\u{2010}2\u{2010}3\u{2010}4",
        ])
    func finds(_ text: String) {
        #expect(CPRDetector.finds(in: text))
        #expect(CPRDetector.finds(inUTF8: Array(text.utf8)))
    }

    @Test(
        "dates, short and long numbers and impossible dates pass",
        arguments: [
            "", "c-000123", "SEL85", "bostotte-nord", "2026-03-14", "14.03.2026", "tlf 12 34 56 78", "kl. 9.30",
            "310290-1234", "290200-1234", "290201-4234", "320190-1234", "011390-1234", "000190-1234", "01019012345",
            "1010190-1234", "010190-12345", "010190123",
            "010190a1234", "010190,1234", "010190+1234", "0101901234567", "sag 123 456 789 012",
            "2026-03-14 til 2026-03-12",
            "14.03.2026 kl. 10.30", "5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11",
        ])
    func passes(_ text: String) {
        #expect(!CPRDetector.finds(in: text))
    }

    @Test("a malformed UTF-8 sequence breaks a run and hides nothing")
    func malformedUTF8() {
        #expect(!CPRDetector.finds(inUTF8: Array("010190".utf8) + [0xE2, 0x80] + Array("1234".utf8)))
        #expect(CPRDetector.finds(inUTF8: [0xE2, 0x80] + Array("010190-1234".utf8) + [0xC3]))
        #expect(CPRDetector.finds(inUTF8: [0x80] + Array("0101901234".utf8)))
    }

    @Test("10,000 generated CPR shapes of each alphabet, every separator, embedded in longer text, are all found")
    func everyGeneratedShapeIsFound() {
        for alphabet in [CPRShapeGenerator.Alphabet.label, .text] {
            var shapes = CPRShapeGenerator(seed: 2026, alphabet: alphabet)
            var separatorsUsed: Set<String> = []
            for _ in 0..<10_000 {
                let shape = shapes.shape()
                #expect(CPRDetector.finds(in: shape.text), "\(shape.digits)")
                for separator in shapes.separators where shape.written.contains(separator) {
                    separatorsUsed.insert(separator)
                }
                if alphabet == .label {
                    #expect(shape.text.utf8.count <= Label.maximumLength && Label.problem(with: shape.text) == .cpr)
                }
            }
            #expect(separatorsUsed == Set(shapes.separators))
        }
    }

    @Test("10,000 generated near misses of each alphabet (impossible dates, wrong digit counts) are not found")
    func noGeneratedNearMissIsFound() {
        for alphabet in [CPRShapeGenerator.Alphabet.label, .text] {
            var shapes = CPRShapeGenerator(seed: 1905, alphabet: alphabet)
            for _ in 0..<10_000 {
                let text = shapes.nearMiss()
                #expect(!CPRDetector.finds(in: text), "\(Array(text.unicodeScalars.map(\.value)))")
            }
        }
    }

    @Test("real citizen ids, c-000123 and p- with base32, are never CPR shapes")
    func citizenIDsPass() {
        var random = SeededGenerator(seed: 5)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        for number in 0..<10_000 {
            let counter = String(Int.random(in: 0...999_999, using: &random))
            let padded = "c-" + String(repeating: "0", count: 6 - counter.count) + counter
            let pseudonym = "p-" + String((0..<32).map { _ in alphabet[Int.random(in: 0..<32, using: &random)] })
            for id in [padded, pseudonym, "c-\(number)"] {
                #expect(!CPRDetector.finds(in: id))
                #expect(CitizenID(rawValue: id) != nil)
            }
        }
    }

    @Test("the separators are every Unicode dash and white space, and nothing that is a letter or a digit")
    func separatorsCoverEveryDashAndSpace() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            if properties.generalCategory == .dashPunctuation || properties.isWhitespace || value == 0x2212 {
                #expect(CPRDetector.isSeparator(value), "U+\(String(value, radix: 16, uppercase: true))")
            }
            if CPRDetector.isSeparator(value) {
                #expect(
                    !properties.isAlphabetic && properties.numericType == nil,
                    "U+\(String(value, radix: 16, uppercase: true))")
            }
        }
    }

    @Test("a label holding a CPR number is refused with the rule cpr, and the message never repeats it")
    func labelsAndValidator() throws {
        #expect(Label(rawValue: "010190-1234") == nil)
        #expect(Label.problem(with: "unit-01.01.90-12.34") == .cpr)
        #expect(Label.problem(with: "bo/nord") == .format)
        #expect(CitizenID(rawValue: "x0101901234x") == nil)
        let validator = ResponseValidator(today: CalendarDate(year: 2026, month: 11, day: 23)!)
        let input =
            #"{"citizen":"cpr-0101901234","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1],"unit":"010190_1234","intervention":"01.01.90-12.34"}"#
        let failure = try #require(throws: ValidationFailure.self) { try validator.validate(json: Array(input.utf8)) }
        #expect(
            failure.errors.map { "\($0.field):\($0.rule.rawValue)" } == ["citizen:cpr", "unit:cpr", "intervention:cpr"])
        for needle in ["0101", "1234", "90"] { #expect(!failure.description.contains(needle)) }
    }
}
