import Foundation
import SporLog
import SporReports

/// Writes a snapshot file section by section into a temporary file beside it, then renames it into place, so a
/// reader sees either the old snapshot or the whole new one.
struct SnapshotWriter: SnapshotSink {
    private let descriptor: Int32
    private let temporary: String

    /// Starts a snapshot for `path` with the file header `header`.
    init(path: String, header: [UInt8]) throws {
        temporary = path + ".\(getpid()).tmp"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SnapshotError("cannot create \(temporary)") }
        do {
            try header.withUnsafeBytes { try writeAll($0) }
        } catch {
            abandon()
            throw error
        }
    }

    mutating func write<Element>(_ values: [Element]) throws {
        precondition(_isPOD(Element.self), "snapshot sections hold trivial types only")
        try values.withUnsafeBytes { bytes in
            var header: [UInt8] = []
            SnapshotFile.append(UInt64(bytes.count), to: &header)
            SnapshotFile.append(UInt32(MemoryLayout<Element>.stride), to: &header)
            SnapshotFile.append(CRC32C.checksum(bytes), to: &header)
            try header.withUnsafeBytes { try writeAll($0) }
            try writeAll(bytes)
        }
    }

    /// Closes the file and moves it to `path`.
    func finish(path: String) throws {
        guard Foundation.close(descriptor) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SnapshotError("cannot write \(path)")
        }
    }

    /// Closes and removes the unfinished file.
    func abandon() {
        Foundation.close(descriptor)
        unlink(temporary)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw SnapshotError("cannot write \(temporary)") }
            done += count
        }
    }
}
