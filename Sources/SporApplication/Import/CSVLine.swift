/// Splits one CSV line (RFC 4180 quoting, `""` for a quote inside a quoted field) into fields.
enum CSVLine {
    /// The fields as byte slices, or `nil` when a quote is not closed or stray text follows a closing quote.
    static func fields(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(16)
        var index = 0
        let count = bytes.count
        while true {
            if index < count, bytes[index] == UInt8(ascii: "\"") {
                // A quoted field: copy it, turning "" into ".
                var field: [UInt8] = []
                index += 1
                var closed = false
                while index < count {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                guard closed, index == count || bytes[index] == UInt8(ascii: ",") else { return nil }
                fields.append(field[...])
            } else {
                let start = index
                while index < count, bytes[index] != UInt8(ascii: ",") {
                    if bytes[index] == UInt8(ascii: "\"") { return nil }
                    index += 1
                }
                fields.append(bytes[start..<index])
            }
            if index == count { return fields }
            index += 1  // the comma
        }
    }

    /// The text of a field.
    static func string(_ field: ArraySlice<UInt8>) -> String {
        field.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// A field without leading and trailing spaces and tabs.
    static func trimmed(_ field: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var field = field
        while let first = field.first, first == 32 || first == 9 { field.removeFirst() }
        while let last = field.last, last == 32 || last == 9 { field.removeLast() }
        return field
    }

    /// A whole number of at most 9 digits with an optional sign, or `nil`.
    static func integer(_ field: ArraySlice<UInt8>) -> Int? {
        var digits = field
        var sign = 1
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            digits.removeFirst()
        }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return sign * value
    }
}
