import Foundation
import SporLog
import SporReports

/// The snapshot file's layout: a header, then the dataset's sections, each checked on its own.
///
/// | bytes | field |
/// | --- | --- |
/// | 8 | `SPORSNAP` |
/// | 4 | format version (3: CRC-32C checksums; a snapshot of another version is not read, and rebuilt) |
/// | 8, 4, 8, 32 | the log mark: records, segment, offset of the last record, its SHA-256 |
/// | 4 | CRC-32C of the header fields above |
///
/// Then per section: byte count (8), element size (4), CRC-32C of the bytes (4), the bytes. Integers are little-endian; the
/// sections hold arrays exactly as they are in memory, so the file is for this machine's architecture only (the
/// element sizes and the format version catch a mismatch).
enum SnapshotFile {
    static let magic = Array("SPORSNAP".utf8)
    static let formatVersion: UInt32 = 3
    static let headerSize = 8 + 4 + 8 + 4 + 8 + 32 + 4
    static let sectionHeaderSize = 8 + 4 + 4

    /// The header bytes for `mark`, with their checksum.
    static func header(_ mark: LogMark) -> [UInt8] {
        var bytes = magic
        append(formatVersion, to: &bytes)
        append(mark.records, to: &bytes)
        append(mark.segment, to: &bytes)
        append(UInt64(mark.offset), to: &bytes)
        bytes += mark.headHash
        append(bytes.withUnsafeBytes { CRC32C.checksum($0) }, to: &bytes)
        return bytes
    }

    /// The mark in a header, `nil` when the header is not a valid one of this format.
    static func mark(inHeader bytes: [UInt8]) -> LogMark? {
        guard bytes.count == headerSize, bytes.starts(with: magic) else { return nil }
        let checksum = bytes[0..<headerSize - 4].withUnsafeBytes { CRC32C.checksum($0) }
        guard integer(bytes, at: headerSize - 4, as: UInt32.self) == checksum,
            integer(bytes, at: 8, as: UInt32.self) == formatVersion
        else { return nil }
        return LogMark(
            records: integer(bytes, at: 12, as: UInt64.self), segment: integer(bytes, at: 20, as: UInt32.self),
            offset: Int(integer(bytes, at: 24, as: UInt64.self)), headHash: Array(bytes[32..<64]))
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func integer<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, as type: T.Type) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size { value |= T(truncatingIfNeeded: bytes[offset + index]) << (8 * index) }
        return value
    }
}
