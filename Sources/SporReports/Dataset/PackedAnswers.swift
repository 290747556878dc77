/// Item answers packed into one 64-bit word: 4 bits per item (15 = unanswered), the item count in the top 4 bits.
///
/// Holds up to ``maximumItems`` items with values 0–14, which ``ResponseDataset`` checks for every instrument of its
/// catalog when it is created.
enum PackedAnswers {
    /// The most items one word holds.
    static let maximumItems = 15
    /// The largest item value one nibble holds (15 marks an unanswered item).
    static let maximumValue = 14
    private static let unanswered: UInt64 = 15

    /// Packs answers, or `nil` when there are too many items or a value does not fit.
    static func pack(_ answers: [Int?]) -> UInt64? {
        guard answers.count <= maximumItems else { return nil }
        var word = UInt64(answers.count) << 60
        for (index, answer) in answers.enumerated() {
            let nibble: UInt64
            if let value = answer {
                guard (0...maximumValue).contains(value) else { return nil }
                nibble = UInt64(value)
            } else {
                nibble = unanswered
            }
            word |= nibble << (4 * UInt64(index))
        }
        return word
    }

    /// The number of items in a packed word.
    static func count(_ word: UInt64) -> Int { Int(word >> 60) }

    /// The value of item `index`, `nil` when unanswered.
    static func item(_ word: UInt64, _ index: Int) -> Int? {
        let nibble = (word >> (4 * UInt64(index))) & 15
        return nibble == unanswered ? nil : Int(nibble)
    }

    /// The value of item `index` of a word known to be complete, without the optional.
    static func completeItem(_ word: UInt64, _ index: Int) -> Int {
        Int((word >> (4 * UInt64(index))) & 15)
    }

    /// Unpacks to one entry per item.
    static func unpack(_ word: UInt64) -> [Int?] {
        (0..<count(word)).map { item(word, $0) }
    }
}
