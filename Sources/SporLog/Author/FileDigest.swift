/// The SHA-256 of a file's bytes, as an import's author records it.
///
/// Held inline (four words, no heap storage): a replay decodes one with every imported record.
public struct FileDigest: Hashable, Sendable, CustomStringConvertible {
    /// The digest's bytes as four big-endian words.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The size of a SHA-256 digest.
    public static let byteCount = 32

    /// Creates a digest from exactly 32 bytes; `nil` for any other count.
    public init?(bytes: some Sequence<UInt8>) {
        // Contiguous bytes (a record's slice, a digest's buffer): four loads.
        let loaded = bytes.withContiguousStorageIfAvailable { buffer -> (UInt64, UInt64, UInt64, UInt64)? in
            guard buffer.count == Self.byteCount else { return nil }
            let raw = UnsafeRawBufferPointer(buffer)
            func word(_ index: Int) -> UInt64 {
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            }
            return (word(0), word(1), word(2), word(3))
        }
        if let loaded {
            guard let words = loaded else { return nil }
            self.words = words
            return
        }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        for byte in bytes {
            switch count / 8 {
            case 0: words.0 = words.0 << 8 | UInt64(byte)
            case 1: words.1 = words.1 << 8 | UInt64(byte)
            case 2: words.2 = words.2 << 8 | UInt64(byte)
            case 3: words.3 = words.3 << 8 | UInt64(byte)
            default: return nil
            }
            count += 1
        }
        guard count == Self.byteCount else { return nil }
        self.words = words
    }

    /// The 32 bytes of the digest.
    public var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in
            (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }
        }
    }

    /// 64 lowercase hex digits.
    public var hex: String { EventLog.hex(bytes) }

    public var description: String { hex }

    public static func == (lhs: FileDigest, rhs: FileDigest) -> Bool { lhs.words == rhs.words }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
