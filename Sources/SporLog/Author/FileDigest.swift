/// The SHA-256 of a file's bytes, as an import's author records it.
public struct FileDigest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes of the digest.
    public let bytes: [UInt8]

    /// The size of a SHA-256 digest.
    public static let byteCount = 32

    /// Creates a digest from exactly 32 bytes; `nil` for any other count.
    public init?(bytes: some Sequence<UInt8>) {
        let bytes = Array(bytes)
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// 64 lowercase hex digits.
    public var hex: String { EventLog.hex(bytes) }

    public var description: String { hex }
}
