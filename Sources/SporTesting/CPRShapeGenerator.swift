public import Foundation
import SporInstruments

/// Seeded texts for the tests of the CPR rule: CPR numbers written every way the rule knows, embedded in longer text,
/// and near misses of the same alphabet that the rule must let pass.
///
/// ```swift
/// var shapes = CPRShapeGenerator(seed: 12, alphabet: .label)
/// let shape = shapes.shape()      // e.g. "ab_0101.90-12_34x", digits "0101901234"
/// let miss = shapes.nearMiss()    // e.g. "ab_3102.90-12_34x" (31 February)
/// ```
public struct CPRShapeGenerator: Sendable {
    /// The characters a generated text is made of.
    public enum Alphabet: Sendable {
        /// `A–Z a–z 0–9 . _ -`, at most 64 bytes: citizen ids, units, interventions, token names.
        case label
        /// Any text without control characters (reasons): every separator of ``CPRDetector/separators`` but the
        /// ASCII controls, Danish letters, punctuation that is not a separator.
        case text
    }

    /// A CPR number as written in a text.
    public struct Shape: Sendable, CustomStringConvertible {
        /// The whole text.
        public var text: String
        /// Its ten digits without separators, `DDMMYYSSSS`.
        public var digits: String
        /// The number as written, from its first digit to its last, separators included.
        public var written: String

        public var description: String { "CPR shape (\(text.utf8.count) bytes)" }

        /// What must never be found where the shape was sent: the whole text, the number as written, the ten digits.
        public var needles: [Data] { [Data(text.utf8), Data(written.utf8), Data(digits.utf8)] }
    }

    /// How many of the shapes' needles appear in `bytes` (a file, an answer, captured output).
    public static func occurrences(of shapes: [Shape], in bytes: Data) -> Int {
        shapes.reduce(0) { count, shape in count + shape.needles.filter { bytes.range(of: $0) != nil }.count }
    }

    public let alphabet: Alphabet
    /// Every separator of the rule in this alphabet, one string each.
    public let separators: [String]
    private var random: SeededGenerator

    public init(seed: UInt64, alphabet: Alphabet) {
        self.alphabet = alphabet
        random = SeededGenerator(seed: seed)
        separators =
            switch alphabet {
            case .label: ["-", ".", "_"]
            case .text:
                CPRDetector.separators.flatMap { range in
                    range.compactMap { Unicode.Scalar($0) }.filter { $0.value >= 0x20 }.map { String(Character($0)) }
                }
            }
    }

    /// A real CPR number, written with separators between its digits, inside a longer text.
    public mutating func shape() -> Shape {
        let digits = realNumber()
        let written = spread(digits)
        let (before, after) = surroundings(room: 64 - written.utf8.count)
        return Shape(text: before + written + after, digits: digits.map(String.init).joined(), written: written)
    }

    /// A text of the same alphabet that holds no CPR number: ten digits whose date is impossible, nine digits, eleven
    /// or twelve digits in a row at both ends, or the digits of a real number broken by a letter.
    public mutating func nearMiss() -> String {
        let digits: String
        switch Int.random(in: 0..<4, using: &random) {
        case 0: digits = spread(impossibleNumber())
        case 1: digits = spread((0..<9).map { _ in Int.random(in: 0...9, using: &random) })
        case 2:
            // A separator never splits off a group shorter than three digits, so no ten of them stand alone.
            let count = Int.random(in: 11...12, using: &random)
            let all = (0..<count).map { _ in Int.random(in: 0...9, using: &random) }
            let edge = count == 11 ? 2 : 3
            digits =
                all[..<edge].map(String.init).joined() + spread(Array(all[edge..<(count - edge)]))
                + separator(probability: 0.5) + all[(count - edge)...].map(String.init).joined()
        default:
            let all = realNumber().map(String.init)
            let cut = Int.random(in: 1...9, using: &random)
            digits = all[..<cut].joined() + letter() + all[cut...].joined()
        }
        let (before, after) = surroundings(room: 64 - digits.utf8.count)
        return before + digits + after
    }

    /// The ten digits of a real CPR number; leap days come often.
    private mutating func realNumber() -> [Int] {
        while true {
            var digits = (0..<10).map { _ in Int.random(in: 0...9, using: &random) }
            if Int.random(in: 0..<8, using: &random) == 0 {
                digits.replaceSubrange(0..<4, with: [2, 9, 0, 2])
            } else {
                let day = Int.random(in: 1...31, using: &random)
                let month = Int.random(in: 1...12, using: &random)
                digits.replaceSubrange(0..<4, with: [day / 10, day % 10, month / 10, month % 10])
            }
            if isReal(digits) { return digits }
        }
    }

    /// Ten digits whose first six are no date: day or month out of range, a day past the month's end, or 29 February
    /// of a year that is not a leap year under the seventh digit's century.
    private mutating func impossibleNumber() -> [Int] {
        let starts: [[Int]] =
            [[0, 0], [3, 2], [3, 9], [9, 9]].map { $0 + [0, 1] }
            + [
                [3, 0, 0, 2], [3, 1, 0, 2], [3, 1, 0, 4], [3, 1, 0, 6], [3, 1, 0, 9], [3, 1, 1, 1], [2, 9, 0, 2],
                [1, 5, 0, 0], [1, 5, 1, 3], [0, 1, 2, 0], [0, 1, 9, 9],
            ]
        while true {
            var digits = (0..<10).map { _ in Int.random(in: 0...9, using: &random) }
            let start = starts[Int.random(in: 0..<starts.count, using: &random)]
            digits.replaceSubrange(0..<4, with: start)
            if !isReal(digits) { return digits }
        }
    }

    private func isReal(_ digits: [Int]) -> Bool {
        (try? CPRNumber(parsing: digits.map(String.init).joined())) != nil
    }

    /// The digits with zero, one or two separators between each two of them.
    private mutating func spread(_ digits: [Int]) -> String {
        let density = [0.0, 0.15, 0.5, 1.0][Int.random(in: 0..<4, using: &random)]
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 {
                text += separator(probability: density)
                if Double.random(in: 0..<1, using: &random) < density / 4 { text += separator(probability: 1) }
            }
            text += String(digit)
        }
        return text
    }

    private mutating func separator(probability: Double) -> String {
        guard Double.random(in: 0..<1, using: &random) < probability else { return "" }
        // Text separators are mostly the common ones, so both the usual and the rare are well covered.
        if alphabet == .text, Bool.random(using: &random) {
            return [" ", "-", ".", "/", "\u{00A0}", "\u{2013}", "\u{2212}", ":", "_"][
                Int.random(in: 0..<9, using: &random)]
        }
        return separators[Int.random(in: 0..<separators.count, using: &random)]
    }

    private mutating func letter() -> String {
        let letters: [String] =
            switch alphabet {
            case .label: ["a", "x", "Z", "p", "c"]
            case .text: ["a", "x", "Z", "æ", "ø", "å", "É", "(", ")", ",", "+", "#", "*"]
            }
        return letters[Int.random(in: 0..<letters.count, using: &random)]
    }

    /// Text before and after: none, letters and separators, never a digit next to the number; at most `room` bytes in
    /// all for labels.
    private mutating func surroundings(room: Int) -> (String, String) {
        func part(_ generator: inout CPRShapeGenerator, _ limit: Int) -> String {
            guard limit > 0, Int.random(in: 0..<3, using: &generator.random) > 0 else { return "" }
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator.random) {
                let next =
                    Bool.random(using: &generator.random) ? generator.letter() : generator.separator(probability: 1)
                guard (text + next).utf8.count <= limit else { break }
                text += next
            }
            return text
        }
        let limit = alphabet == .label ? room : 200
        let before = part(&self, limit / 2)
        let after = part(&self, limit - before.utf8.count)
        return (before, after)
    }
}
