/// Appends little-endian fields to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func integer<T: FixedWidthInteger>(_ value: T) {
        for index in 0..<MemoryLayout<T>.size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    /// A string of at most 255 bytes, after a one-byte length.
    mutating func shortString(_ text: String) {
        let utf8 = text.utf8
        precondition(utf8.count <= 255, "short strings are validated to at most 255 bytes")
        bytes.append(UInt8(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A string of at most 65,535 bytes, after a two-byte length.
    mutating func longString(_ text: String) {
        let utf8 = text.utf8
        precondition(utf8.count <= 65_535, "long strings are validated to at most 65,535 bytes")
        integer(UInt16(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}
