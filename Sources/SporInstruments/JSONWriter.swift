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
public struct JSONWriter: ~Copyable {
    /// The bytes written so far: `count` of `capacity`, owned by this writer alone. A writer is not copyable, so
    /// nothing else can see this memory: writing a byte is a store and a bounds check, not an array's uniqueness
    /// check, capacity check and retain (at 5M, those were most of a trajectory read's JSON time).
    private var storage: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the next member or element is the first of its object or array.
    private var first = true

    public init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// The JSON written so far.
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    /// The JSON written so far, as text.
    public var text: String {
        withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the JSON written so far, without copying it.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Writes an object; `body` writes its members with ``key(_:)`` in sorted order.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        append(UInt8(ascii: "{"))
        first = true
        body(&self)
        append(UInt8(ascii: "}"))
        first = false
    }

    /// Writes an array; `body` writes its elements.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        append(UInt8(ascii: "["))
        first = true
        body(&self)
        append(UInt8(ascii: "]"))
        first = false
    }

    /// Writes a member name; the value follows. The name is copied as it is, not escaped: names written in the
    /// source are plain ASCII without quotes or backslashes (a name known only at run time takes
    /// ``dynamicKey(_:)``).
    public mutating func key(_ name: StaticString) {
        separate()
        reserve(name.utf8CodeUnitCount + 3)
        store(UInt8(ascii: "\""))
        store(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        store(UInt8(ascii: "\""))
        store(UInt8(ascii: ":"))
        first = true
    }

    /// Writes a member name that is not known in advance; the value follows. (A literal name takes
    /// ``key(_:)``, which copies it without scanning it for characters to escape.)
    public mutating func dynamicKey(_ name: String) {
        separate()
        appendQuoted(name)
        append(UInt8(ascii: ":"))
        first = true
    }

    /// Writes a string value.
    public mutating func string(_ text: String) {
        separate()
        appendQuoted(text)
    }

    /// A JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.appendQuoted(text)
        return writer.text
    }

    private mutating func appendQuoted(_ text: String) {
        // Native strings are contiguous UTF-8: scanned and copied in runs, not byte by byte through the view.
        var text = text
        text.withUTF8 { utf8 in appendQuoted(utf8) }
    }

    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        reserve(utf8.count + 2)
        store(UInt8(ascii: "\""))
        var start = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            let escaped: UInt8? =
                switch byte {
                case UInt8(ascii: "\""): UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                case 0x0A: UInt8(ascii: "n")
                case 0x0D: UInt8(ascii: "r")
                case 0x09: UInt8(ascii: "t")
                case 0x08: UInt8(ascii: "b")
                case 0x0C: UInt8(ascii: "f")
                default: nil
                }
            reserve(6)
            store(UInt8(ascii: "\\"))
            if let escaped {
                store(escaped)
            } else {
                let digits: StaticString = "0123456789abcdef"
                store(UInt8(ascii: "u"))
                store(UInt8(ascii: "0"))
                store(UInt8(ascii: "0"))
                store(digits.utf8Start[Int(byte >> 4)])
                store(digits.utf8Start[Int(byte & 15)])
            }
        }
        append(UnsafeBufferPointer(rebasing: utf8[start...]))
        append(UInt8(ascii: "\""))
    }

    /// Writes a date as `YYYY-MM-DD` (its ``CalendarDate/description``) without making the text first.
    public mutating func date(_ date: CalendarDate) {
        separate()
        guard date.year >= 0, date.year <= 9999 else {
            append(UInt8(ascii: "\""))
            for byte in date.description.utf8 { append(byte) }
            append(UInt8(ascii: "\""))
            return
        }
        reserve(12)
        store(UInt8(ascii: "\""))
        storeDigits(date.year, count: 4)
        store(UInt8(ascii: "-"))
        storeDigits(date.month, count: 2)
        store(UInt8(ascii: "-"))
        storeDigits(date.day, count: 2)
        store(UInt8(ascii: "\""))
    }

    /// Writes a UUID in lowercase (`uuidString.lowercased()`) without making the text first.
    public mutating func uuid(_ id: UUID) {
        separate()
        let digits: StaticString = "0123456789abcdef"
        reserve(38)
        store(UInt8(ascii: "\""))
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { store(UInt8(ascii: "-")) }
                store(digits.utf8Start[Int(byte >> 4)])
                store(digits.utf8Start[Int(byte & 15)])
            }
        }
        store(UInt8(ascii: "\""))
    }

    /// `value` (0 or more) in exactly `count` decimal digits, zeros in front; room for them is reserved.
    private mutating func storeDigits(_ value: Int, count digits: Int) {
        var rest = value
        for offset in stride(from: digits - 1, through: 0, by: -1) {
            storage[count + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += digits
    }

    /// Writes a string value, or `null`.
    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        separate()
        reserve(20)
        if value < 0 { store(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var length = 1
        var power: UInt = 10
        while length < 20, rest >= power {
            length += 1
            power = power.multipliedReportingOverflow(by: 10).partialValue
        }
        for offset in stride(from: length - 1, through: 0, by: -1) {
            storage[count + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += length
    }

    /// Writes an integer value of any width.
    public mutating func integer(_ value: some BinaryInteger) {
        if let small = Int(exactly: value) { return integer(small) }
        separate()
        for byte in String(value).utf8 { append(byte) }
    }

    /// Writes an integer value, or `null`.
    public mutating func integer(_ value: Int?) {
        if let value { integer(value) } else { null() }
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        let text: StaticString = value ? "true" : "false"
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        let text: StaticString = "null"
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A comma before every member or element but the first; nothing after a member name.
    @inline(__always)
    private mutating func separate() {
        if !first { append(UInt8(ascii: ",")) }
        first = false
    }

    /// Makes room for `more` bytes after those written.
    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if count + more > capacity { grow(toHold: count + more) }
    }

    private mutating func grow(toHold needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = larger
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        store(byte)
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        store(bytes)
    }

    /// Writes into room already reserved.
    @inline(__always)
    private mutating func store(_ byte: UInt8) {
        storage[count] = byte
        count += 1
    }

    /// Member names and values are mostly a few bytes long: a call to `memmove` for each cost more than the copy,
    /// so up to 32 bytes are copied eight at a time, then byte by byte, never reading past the source.
    @inline(__always)
    private mutating func store(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let length = bytes.count
        if length <= 32 {
            let source = UnsafeRawPointer(base)
            let target = UnsafeMutableRawPointer(storage + count)
            var offset = 0
            while offset + 8 <= length {
                target.storeBytes(
                    of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset,
                    as: UInt64.self)
                offset += 8
            }
            while offset < length {
                target.storeBytes(of: base[offset], toByteOffset: offset, as: UInt8.self)
                offset += 1
            }
        } else {
            (storage + count).initialize(from: base, count: length)
        }
        count += length
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
