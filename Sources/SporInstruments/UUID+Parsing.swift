public import Foundation

extension UUID {
    /// Parses what `UUID(uuidString:)` accepts; the canonical form (36 characters, hex digits in either case and
    /// hyphens) without going through C string scanning, anything else through `UUID(uuidString:)`, which also
    /// takes a few odd forms (a sign or `0x` inside a group).
    public init?(parsing text: String) {
        var text = text
        if let uuid = text.withUTF8({ UUID(canonical: UnsafeRawBufferPointer($0)) }) {
            self = uuid
        } else if let uuid = UUID(uuidString: text) {
            self = uuid
        } else {
            return nil
        }
    }

    /// Parses only the canonical form `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex digits in either case) from
    /// UTF-8 bytes.
    public init?(canonical bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 36, bytes[8] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: "-"),
            bytes[18] == UInt8(ascii: "-"), bytes[23] == UInt8(ascii: "-")
        else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &uuid) { target -> Bool in
            var invalid: UInt8 = 0
            for index in 0..<16 {
                let position = Self.digitPositions[index]
                let high = Self.hexValues[Int(bytes[position])]
                let low = Self.hexValues[Int(bytes[position + 1])]
                invalid |= (high | low) & 0x10
                target[index] = high << 4 | (low & 0x0F)
            }
            return invalid == 0
        }
        guard parsed else { return nil }
        self.init(uuid: uuid)
    }

    /// Where each byte's two hex digits start in the canonical form.
    private static let digitPositions = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34]

    /// The value of each byte as a hex digit, or 0x10 when it is not one.
    private static let hexValues: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 0x10
        }
    }
}
