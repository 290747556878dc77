/// Reads little-endian fields from a byte array, returning `nil` instead of reading past the end.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    var isAtEnd: Bool { position == end }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard end - position >= size else { return nil }
        var value: T = 0
        for index in 0..<size { value |= T(truncatingIfNeeded: bytes[position + index]) << (8 * index) }
        position += size
        return value
    }

    mutating func slice(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, end - position >= count else { return nil }
        defer { position += count }
        return bytes[position..<position + count]
    }

    /// UTF-8 text; the writer only writes valid UTF-8 and the frame's checksum guards it, so decoding repairs
    /// rather than validates (the id and label types check their own characters).
    mutating func string(length: Int) -> String? {
        guard let slice = slice(length) else { return nil }
        return slice.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
}
