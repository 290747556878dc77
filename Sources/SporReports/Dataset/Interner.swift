/// Gives each distinct string a small dense code, so columns store 4 bytes instead of a `String`.
struct Interner: Sendable {
    /// The strings by code.
    private(set) var strings: [String] = []
    private var codes: [String: Int32] = [:]
    /// The string asked for last and its code: rows come in runs of one citizen, unit and intervention (a
    /// citizen's answers follow each other in a log replayed or a file imported), and comparing with it is cheaper
    /// than hashing.
    private var last: (text: String, code: Int32)?

    init() {}

    /// The interner that gave `strings` the codes 0, 1, 2, … in this order (as read back from a snapshot).
    init(strings: [String]) {
        self.strings = strings
        codes.reserveCapacity(strings.count)
        for (code, text) in strings.enumerated() { codes[text] = Int32(code) }
    }

    /// The code of `text`, assigning the next free one the first time it is seen.
    mutating func code(for text: String) -> Int32 {
        if let last, last.text == text { return last.code }
        let code: Int32
        if let known = codes[text] {
            code = known
        } else {
            code = Int32(strings.count)
            strings.append(text)
            codes[text] = code
        }
        last = (text, code)
        return code
    }

    /// The code of `text` if it has been seen.
    func existingCode(for text: String) -> Int32? { codes[text] }

    /// The string with this code.
    subscript(code: Int32) -> String { strings[Int(code)] }

    /// How many distinct strings have been seen.
    var count: Int { strings.count }
}
