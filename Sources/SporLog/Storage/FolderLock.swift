import Foundation

/// An exclusive `flock` on `LOCK` in the data folder, with the holder's pid written in the file.
final class FolderLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or throws `locked` naming the process that holds it.
    init(folder: URL) throws {
        let path = folder.appendingPathComponent("LOCK").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LogError.io("open", path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            guard code == EWOULDBLOCK else { throw LogError.io("lock", path, errno: code) }
            let pid =
                count > 0
                ? Int32(
                    String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                : nil
            let holder = pid.map { "process \($0)" } ?? "another process"
            throw LogError(.locked, "the data folder \(folder.path) is in use by \(holder)", pid: pid)
        }
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, text, text.count, 0) == text.count else {
            close(descriptor)
            throw LogError.io("write", path)
        }
        self.descriptor = descriptor
    }

    /// Releases the lock before the object goes (the descriptor closes then).
    func release() {
        _ = flock(descriptor, LOCK_UN)
    }

    deinit { close(descriptor) }
}
