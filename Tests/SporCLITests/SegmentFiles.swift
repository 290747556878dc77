import Foundation
import SporTesting

/// Reads and changes a data folder's segment files the way damage or an attacker would, for tamper tests.
struct SegmentFiles {
    let folder: TemporaryFolder

    /// The segment file names, in order.
    var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? [])
            .filter { $0.hasPrefix("segment-") && $0.hasSuffix(".log") }.sorted()
    }

    /// Every segment's bytes, by name: to show that nothing was cut.
    func contents() throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in names { contents[name] = try Data(contentsOf: folder.path(name)) }
        return contents
    }

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.path(name))) }

    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: folder.path(name)) }

    /// The byte offsets of the records in a segment.
    static func recordOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var position = 8
        while position + 8 <= bytes.count {
            offsets.append(position)
            position += 8 + Int(littleEndian(bytes, at: position))
        }
        return offsets
    }

    static func littleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    static func store(_ value: UInt32, in bytes: inout [UInt8], at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    /// Sets the frame checksum of the record at `offset` to match its length and body: CRC-32C (Castagnoli).
    static func fixChecksum(_ bytes: inout [UInt8], recordAt offset: Int) {
        let length = Int(littleEndian(bytes, at: offset))
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes[offset..<offset + 4] + bytes[offset + 8..<offset + 8 + length] {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        store(~crc, in: &bytes, at: offset + 4)
    }
}
