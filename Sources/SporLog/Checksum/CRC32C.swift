import CSporCPU

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the CPU's instruction where there is one, else
/// table-driven, eight bytes at a time. The log's frames and the snapshot's sections use it.
public enum CRC32C {
    /// Eight 256-entry tables, one after another: table `k` advances a byte through `k` further zero bytes.
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var crc = UInt32(index)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[index] = crc
        }
        for table in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(table - 1) * 256 + index]
                tables[table * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// Whether the CPU computes CRC-32C itself (x86-64 with SSE 4.2).
    static let hasInstruction = spor_crc32c_hardware_available() != 0

    /// The checksum of `bytes`, continuing from `seed` (the checksum of the bytes before them, or 0).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        if hasInstruction, let base = bytes.baseAddress { return ~spor_crc32c_hardware(~seed, base, bytes.count) }
        return tableChecksum(bytes, seed: seed)
    }

    /// The checksum computed with the tables, on any CPU.
    static func tableChecksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        var crc = ~seed
        var position = 0
        let count = bytes.count
        tables.withUnsafeBufferPointer { t in
            while count - position >= 8 {
                let low = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian ^ crc
                let high = bytes.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self).littleEndian
                crc =
                    t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                position += 8
            }
            while position < count {
                crc = t[Int((crc ^ UInt32(bytes[position])) & 0xFF)] ^ (crc >> 8)
                position += 1
            }
        }
        return ~crc
    }

    /// The checksum of a byte array.
    static func checksum(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, seed: seed) }
    }
}
