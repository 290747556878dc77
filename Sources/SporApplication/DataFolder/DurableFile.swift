import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small file operations that are durable when they return: written, fsynced, and the folder entry synced.
enum DurableFile {
    /// Why a file operation failed: the operation, the path and the system's reason; never the content.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Replaces `url` with `bytes` atomically (a temporary file of its own renamed over it), with mode 0600.
    static func replace(_ url: URL, with bytes: [UInt8]) throws {
        var generator = SystemRandomNumberGenerator()
        let temporary = url.path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max, using: &generator))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create", temporary) }
        defer { close(descriptor) }
        do {
            try writeAll(descriptor, bytes, path: temporary)
            guard fsync(descriptor) == 0 else { throw failure("sync", temporary) }
            guard rename(temporary, url.path) == 0 else { throw failure("rename", temporary) }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncFolder(url.deletingLastPathComponent())
    }

    /// Runs `body` holding an exclusive lock on `url` plus `.lock` (created with mode 0600), so that processes
    /// that read, change and write a file one after another never lose each other's changes.
    static func withExclusiveLock<Result>(on url: URL, _ body: () throws -> Result) throws -> Result {
        try LockFile(beside: url).withExclusiveLock(body)
    }

    /// Opens `url` for appending, creating it with mode 0600 (and syncing its folder) when missing.
    static func openForAppend(_ url: URL) throws -> Int32 {
        let existed = FileManager.default.fileExists(atPath: url.path)
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open", url.path) }
        if !existed { try syncFolder(url.deletingLastPathComponent()) }
        return descriptor
    }

    /// Writes every byte to `descriptor`, retrying short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            written += count
        }
    }

    /// Makes a folder's entries (a created or renamed file) durable.
    static func syncFolder(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", folder.path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("sync", folder.path) }
    }

    /// What identifies one version of a file cheaply: device, inode, size and modification time.
    static func version(of url: URL) -> [Int] {
        version(atPath: url.path)
    }

    /// ``version(of:)`` of the file at `path`: for a file checked on every request.
    static func version(atPath path: String) -> [Int] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        #if canImport(Darwin)
        let modified = [Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec)]
        #else
        let modified = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        #endif
        return [Int(info.st_dev), Int(info.st_ino), Int(info.st_size)] + modified
    }

    static func failure(_ operation: String, _ path: String) -> Failure {
        Failure(description: "\(operation) \(path) failed: \(String(cString: strerror(errno)))")
    }
}
