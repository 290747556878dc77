import SporInstruments

/// Turns a plain JSON Lines line straight into a response, over its bytes: one flat object with the contract's
/// field names, string values of printable ASCII without escapes, `null` for an absent optional field, and
/// `answers` as an array of small whole numbers and `null`. Any other line gets `nil` and goes the general way
/// (`JSONParser` and `ResponseValidator`).
struct JSONLFastPath: Sendable {
    private let fields: ResponseFastPath

    init(validator: ResponseValidator) {
        fields = ResponseFastPath(validator: validator)
    }

    /// The response of a line and its instrument's definition version, or `nil` to take the general path.
    func response(
        _ line: UnsafeRawBufferPointer, row: Int, recent: inout ResponseFastPath.Recent
    ) -> (Response, version: String)? {
        var reader = Reader(bytes: line)
        var found = ResponseFastPath.Fields(answers: [])
        var sawAnswers = false
        /// The optional fields seen as `null`, so that a second mention is left to the general path.
        var nulls: Set<String> = []
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        if reader.take(UInt8(ascii: "}")) { return nil }
        repeat {
            guard let key = reader.string() else { return nil }
            guard reader.take(UInt8(ascii: ":")) else { return nil }
            let name = String(decoding: key, as: UTF8.self)
            let field = ResponseFastPath.Field(name: name)
            if nulls.contains(name) { return nil }
            if name == "answers" {
                guard !sawAnswers, let answers = reader.answers() else { return nil }
                sawAnswers = true
                found.answers = answers
            } else if reader.null() {
                // Only optional fields may be null; a null id is no id.
                switch field {
                case .id where found.id == nil, .unit where found.unit == nil,
                    .intervention where found.intervention == nil,
                    .mode where found.mode == nil:
                    nulls.insert(name)
                default:
                    return nil
                }
            } else {
                guard let value = reader.string(), !value.isEmpty, fields.set(field, value, in: &found, recent: &recent)
                else {
                    return nil
                }
            }
        } while reader.take(UInt8(ascii: ","))
        guard reader.take(UInt8(ascii: "}")), reader.atEnd, sawAnswers else { return nil }
        return fields.finish(found, row: row)
    }

    /// Reads the few JSON forms the fast path takes, skipping white space before each.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var atEnd: Bool {
            mutating get {
                skipWhitespace()
                return index == bytes.count
            }
        }

        mutating func skipWhitespace() {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
            {
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func null() -> Bool {
            skipWhitespace()
            guard bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
                bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
            else { return false }
            index += 4
            return true
        }

        /// A string of printable ASCII without escapes, or `nil`.
        mutating func string() -> UnsafeRawBufferPointer? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return UnsafeRawBufferPointer(rebasing: bytes[start..<index - 1])
                }
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
                index += 1
            }
            return nil
        }

        /// An array of whole numbers of 1–4 digits (no leading zero) and `null`, or `nil`.
        mutating func answers() -> [Int?]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var answers: [Int?] = []
            answers.reserveCapacity(8)
            if take(UInt8(ascii: "]")) { return answers }
            repeat {
                if null() {
                    answers.append(nil)
                    continue
                }
                skipWhitespace()
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    index += 1
                }
                let digits = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                guard let value = ResponseFastPath.digits(digits), digits.count == 1 || digits[0] != UInt8(ascii: "0")
                else { return nil }
                answers.append(value)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? answers : nil
        }
    }
}
