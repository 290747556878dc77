import Foundation
import SporLog
import SporReports

/// Reads a snapshot file: its header's log mark, then each section straight into the array that holds it, checking
/// the section's size, element size and checksum.
struct SnapshotReader: SnapshotSource {
    private let descriptor: Int32
    private let path: String
    private var remaining: Int
    /// The log mark the snapshot was taken at.
    let mark: LogMark

    /// Opens `path`; `nil` when there is no file, throws ``SnapshotError`` when its header is not valid.
    init?(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw SnapshotError("cannot open \(path)")
        }
        do {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { throw SnapshotError("cannot read \(path)") }
            var header = [UInt8](repeating: 0, count: SnapshotFile.headerSize)
            guard Int(info.st_size) >= header.count else { throw SnapshotError("\(path) is cut short") }
            try header.withUnsafeMutableBytes { try Self.readAll(descriptor, into: $0, path: path) }
            guard let mark = SnapshotFile.mark(inHeader: header) else {
                throw SnapshotError("\(path) has no valid header")
            }
            self.descriptor = descriptor
            self.path = path
            self.remaining = Int(info.st_size) - header.count
            self.mark = mark
        } catch {
            Foundation.close(descriptor)
            throw error
        }
    }

    /// Whether every byte of the file has been read.
    var isAtEnd: Bool { remaining == 0 }

    /// Closes the file.
    func close() { Foundation.close(descriptor) }

    mutating func read<Element>(_ type: Element.Type, room: (Int) -> Int) throws -> [Element] {
        precondition(_isPOD(Element.self), "snapshot sections hold trivial types only")
        guard remaining >= SnapshotFile.sectionHeaderSize else { throw SnapshotError("\(path) is cut short") }
        var header = [UInt8](repeating: 0, count: SnapshotFile.sectionHeaderSize)
        try header.withUnsafeMutableBytes { try Self.readAll(descriptor, into: $0, path: path) }
        remaining -= header.count
        let byteCount = SnapshotFile.integer(header, at: 0, as: UInt64.self)
        let stride = MemoryLayout<Element>.stride
        guard SnapshotFile.integer(header, at: 8, as: UInt32.self) == stride, byteCount <= remaining,
            Int(byteCount) % stride == 0
        else { throw SnapshotError("\(path) has a section that does not fit") }
        let checksum = SnapshotFile.integer(header, at: 12, as: UInt32.self)
        let count = Int(byteCount) / stride
        let values = try [Element](unsafeUninitializedCapacity: count + max(0, room(count))) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(start: buffer.baseAddress, count: Int(byteCount))
            try Self.readAll(descriptor, into: bytes, path: path)
            guard CRC32C.checksum(UnsafeRawBufferPointer(bytes)) == checksum else {
                throw SnapshotError("\(path) is damaged (a checksum does not match)")
            }
            initialized = count
        }
        remaining -= Int(byteCount)
        return values
    }

    private static func readAll(_ descriptor: Int32, into bytes: UnsafeMutableRawBufferPointer, path: String) throws {
        var done = 0
        while done < bytes.count {
            let count = Foundation.read(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw SnapshotError("cannot read \(path)") }
            done += count
        }
    }
}
