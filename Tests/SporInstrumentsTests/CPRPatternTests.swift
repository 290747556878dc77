import Foundation
import SporInstruments
import SporTesting
import Testing

/// The pattern the schemas state (`scripts/cpr-pattern.py`) against ``CPRDetector``: the same texts match.
@Suite("CPR pattern in the schemas")
struct CPRPatternTests {
    /// The `noCPR` pattern of `Schemas/response.schema.json`.
    static let pattern: String = {
        let data = try! Data(contentsOf: Repository.schema("response.schema.json"))
        let schema = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        let noCPR = (schema["$defs"] as! [String: Any])["noCPR"] as! [String: Any]
        return (noCPR["not"] as! [String: Any])["pattern"] as! String
    }()

    static let regex = try! NSRegularExpression(pattern: pattern)

    static func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Detector and pattern agree on `text`; the text itself is named only by its scalars' count.
    static func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            CPRDetector.finds(in: text) == matches(text),
            "detector and pattern disagree on a text of \(text.unicodeScalars.count) scalars",
            sourceLocation: sourceLocation)
    }

    @Test("the OpenAPI document states the same pattern, on citizen ids, labels and reasons")
    func openAPIHasTheSamePattern() throws {
        let yaml = try String(contentsOf: Repository.schema("openapi.yaml"), encoding: .utf8)
        #expect(yaml.contains("        pattern: '\(Self.pattern)'\n"))
        let schema = try String(contentsOf: Repository.schema("response.schema.json"), encoding: .utf8)
        #expect(schema.contains(##""allOf": [{ "$ref": "#/$defs/noCPR" }]"##))
        for name in ["CitizenID", "Label", "Reason"] {
            let block = try #require(yaml.components(separatedBy: "\n    \(name):\n").dropFirst().first)
            let schemaLines = block.split(separator: "\n").prefix(5).joined(separator: "\n")
            #expect(schemaLines.contains(##"allOf: [{ $ref: "#/components/schemas/NoCPR" }]"##), "\(name)")
        }
    }

    @Test("detector and pattern agree on generated shapes and near misses of both alphabets")
    func generatedCorpus() {
        for alphabet in [CPRShapeGenerator.Alphabet.label, .text] {
            var shapes = CPRShapeGenerator(seed: 77, alphabet: alphabet)
            for _ in 0..<2_000 {
                let shape = shapes.shape()
                #expect(Self.matches(shape.text))
                Self.expectAgreement(shape.text)
                let miss = shapes.nearMiss()
                #expect(!Self.matches(miss))
                Self.expectAgreement(miss)
            }
        }
    }

    @Test("detector and pattern agree on every day, month, year class and seventh digit")
    func everyDate() {
        var random = SeededGenerator(seed: 3)
        let separators = [" ", "-", ".", "/", "", "", "\u{2013}", "\u{00A0}"]
        for day in 0...39 {
            for month in 0...19 {
                for year in [0, 1, 4, 20, 36, 37, 57, 58, 96, 99] {
                    for seventh in 0...9 {
                        let digits = [
                            day / 10, day % 10, month / 10, month % 10, year / 10, year % 10, seventh, 1, 2, 3,
                        ]
                        let text = digits.map(String.init).reduce("") { text, digit in
                            text.isEmpty
                                ? digit
                                : text + separators[Int.random(in: 0..<separators.count, using: &random)] + digit
                        }
                        Self.expectAgreement(text)
                        #expect(
                            Self.matches(text) == ((try? CPRNumber(parsing: digits.map(String.init).joined())) != nil))
                    }
                }
            }
        }
    }

    @Test("detector and pattern agree with every Unicode scalar between, before and after the digits")
    func everyScalar() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(Character(scalar))
            Self.expectAgreement("010190" + character + "1234")
            if value % 16 == 0 || CPRDetector.isSeparator(value) {
                Self.expectAgreement("7" + character + "0101901234" + character + "8")
            }
        }
    }
}
