/// A fast 64-bit checksum in the style of xxHash64 (four independent lanes of multiply and rotate), to find a
/// damaged or cut-off snapshot section. Not a defence against deliberate changes: the snapshot is a cache, and
/// `spor verify` checks the log itself.
enum SnapshotChecksum {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63

    /// The checksum of `bytes`.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var lanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)
        var position = 0
        while count - position >= 32 {
            lanes.0 = round(lanes.0, bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            lanes.1 = round(lanes.1, bytes.loadUnaligned(fromByteOffset: position + 8, as: UInt64.self))
            lanes.2 = round(lanes.2, bytes.loadUnaligned(fromByteOffset: position + 16, as: UInt64.self))
            lanes.3 = round(lanes.3, bytes.loadUnaligned(fromByteOffset: position + 24, as: UInt64.self))
            position += 32
        }
        var hash = lanes.0.rotated(1) &+ lanes.1.rotated(7) &+ lanes.2.rotated(12) &+ lanes.3.rotated(18)
        hash ^= UInt64(count)
        while count - position >= 8 {
            hash ^= round(0, bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            hash = hash.rotated(27) &* prime1 &+ prime4
            position += 8
        }
        while position < count {
            hash ^= UInt64(bytes[position]) &* prime3
            hash = hash.rotated(11) &* prime1
            position += 1
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        return hash ^ (hash >> 32)
    }

    private static func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
        (lane &+ input.littleEndian &* prime2).rotated(31) &* prime1
    }
}

private extension UInt64 {
    func rotated(_ bits: UInt64) -> UInt64 { self << bits | self >> (64 - bits) }
}
