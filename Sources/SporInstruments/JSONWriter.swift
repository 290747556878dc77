public import Foundation

/// Writes compact JSON by hand, for outputs written many times a second (a trajectory read, an audit line) where
/// `JSONEncoder` costs more than the work behind them, and for JSON Lines output. Strings are escaped as
/// `JSONEncoder` escapes them with `.withoutEscapingSlashes`; the caller writes members in the order it wants
/// (sorted, to give the same bytes as `JSONEncoder` with `.sortedKeys`).
///
/// ```swift
/// var json = JSONWriter()
/// json.object { json in
///     json.key("raw"); json.integer(13)
///     json.key("unit"); json.string("bostotte-nord")
/// }
/// json.bytes   // {"raw":13,"unit":"bostotte-nord"}
/// ```
public struct JSONWriter {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next member or element is the first of its object or array.
    private var first = true

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object; `body` writes its members with ``key(_:)`` in sorted order.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first = true
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    /// Writes an array; `body` writes its elements.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        first = true
        body(&self)
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// Writes a member name; the value follows. The name is copied as it is, not escaped: names written in the
    /// source are plain ASCII without quotes or backslashes (a name known only at run time takes
    /// ``dynamicKey(_:)``).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    /// Writes a member name that is not known in advance; the value follows. (A literal name takes
    /// ``key(_:)``, which copies it without scanning it for characters to escape.)
    public mutating func dynamicKey(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    /// Writes a string value.
    public mutating func string(_ text: String) {
        separate()
        Self.appendQuoted(text, to: &bytes)
    }

    /// A JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        // Native strings are contiguous UTF-8: scanned and copied in runs, not byte by byte through the view.
        var text = text
        text.withUTF8 { utf8 in appendQuoted(utf8, to: &bytes) }
    }

    private static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            default:
                let digits: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(digits.utf8Start[Int(byte >> 4)])
                bytes.append(digits.utf8Start[Int(byte & 15)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a date as `YYYY-MM-DD` (its ``CalendarDate/description``) without making the text first.
    public mutating func date(_ date: CalendarDate) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        if date.year < 0 || date.year > 9999 {
            bytes.append(contentsOf: date.description.utf8)
        } else {
            appendDigits(date.year, count: 4)
            bytes.append(UInt8(ascii: "-"))
            appendDigits(date.month, count: 2)
            bytes.append(UInt8(ascii: "-"))
            appendDigits(date.day, count: 2)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a UUID in lowercase (`uuidString.lowercased()`) without making the text first.
    public mutating func uuid(_ id: UUID) {
        separate()
        let digits: StaticString = "0123456789abcdef"
        bytes.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(digits.utf8Start[Int(byte >> 4)])
                bytes.append(digits.utf8Start[Int(byte & 15)])
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `value` (0 or more) in exactly `count` decimal digits, zeros in front.
    private mutating func appendDigits(_ value: Int, count: Int) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Writes a string value, or `null`.
    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// Writes an integer value.
    public mutating func integer(_ value: some BinaryInteger) {
        separate()
        guard let small = Int(exactly: value) else { return bytes.append(contentsOf: String(value).utf8) }
        Self.appendDecimal(small, to: &bytes)
    }

    /// The decimal digits of `value`, without a `String` in between.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// Writes an integer value, or `null`.
    public mutating func integer(_ value: Int?) {
        if let value { integer(value) } else { null() }
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        let text: StaticString = value ? "true" : "false"
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        let text: StaticString = "null"
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A comma before every member or element but the first; nothing after a member name.
    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }

    /// Indents compact JSON two spaces a level, one member or element a line (`"key": value`).
    public static func pretty(_ compact: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(compact.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        func newline() {
            output.append(0x0A)
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
        for (index, byte) in compact.enumerated() {
            if inString {
                output.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                output.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                output.append(byte)
                let next = index + 1 < compact.count ? compact[index + 1] : 0
                if next != UInt8(ascii: "}"), next != UInt8(ascii: "]") {
                    depth += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let previous = index > 0 ? compact[index - 1] : 0
                if previous != UInt8(ascii: "{"), previous != UInt8(ascii: "[") {
                    depth -= 1
                    newline()
                }
                output.append(byte)
            case UInt8(ascii: ","):
                output.append(byte)
                newline()
            case UInt8(ascii: ":"):
                output.append(contentsOf: [byte, UInt8(ascii: " ")])
            default:
                output.append(byte)
            }
        }
        return output
    }
}
