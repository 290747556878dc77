import Foundation
import SporLog

/// Fields packed into one byte section of a snapshot (strings, authors and the few revised responses), read back in the
/// same order; reading past the end or a malformed field throws ``SnapshotMismatch``.
struct SnapshotBytes {
    private(set) var bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String?) {
        guard let text else { return integer(UInt32.max) }
        integer(UInt32(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - position >= size else { throw SnapshotMismatch("a snapshot section is cut short") }
        var value: T = 0
        for index in 0..<size { value |= T(truncatingIfNeeded: bytes[position + index]) << (8 * index) }
        position += size
        return value
    }

    mutating func string() throws -> String? {
        let length = try integer(UInt32.self)
        if length == .max { return nil }
        guard bytes.count - position >= Int(length) else { throw SnapshotMismatch("a snapshot section is cut short") }
        defer { position += Int(length) }
        return String(decoding: bytes[position..<position + Int(length)], as: UTF8.self)
    }

    mutating func author(_ author: Author) {
        let stored = author.storedBytes
        integer(UInt32(stored.count))
        bytes.append(contentsOf: stored)
    }

    mutating func author() throws -> Author {
        let length = Int(try integer(UInt32.self))
        guard bytes.count - position >= length else { throw SnapshotMismatch("a snapshot section is cut short") }
        defer { position += length }
        guard let author = Author(storedBytes: Array(bytes[position..<position + length])) else {
            throw SnapshotMismatch("an author in the snapshot is malformed")
        }
        return author
    }

    mutating func uuid(_ id: UUID) {
        withUnsafeBytes(of: id.uuid) { bytes.append(contentsOf: $0) }
    }

    mutating func uuid() throws -> UUID {
        guard bytes.count - position >= 16 else { throw SnapshotMismatch("a snapshot section is cut short") }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyBytes(from: bytes[position..<position + 16]) }
        position += 16
        return UUID(uuid: uuid)
    }
}
