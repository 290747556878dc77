import Foundation

/// `FILE.lock` beside a file that several processes change (created with mode 0600): holding it exclusively while
/// reading, changing and writing the file means no process loses another's change. A writer that takes it again
/// and again (the audit trail, once per group commit) keeps it open, so each turn costs a `flock` pair and not an
/// open and a close as well.
final class LockFile: Sendable {
    private let descriptor: Int32
    private let path: String
    /// `flock` keeps processes apart, not the threads sharing one descriptor: this does.
    private let threads = NSLock()

    /// Opens (creating) the lock file of `url`.
    init(beside url: URL) throws {
        path = url.path + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DurableFile.failure("open", path) }
    }

    deinit {
        close(descriptor)
    }

    /// Runs `body` holding the lock alone, waiting for other holders (threads and processes) to let go.
    func withExclusiveLock<Result>(_ body: () throws -> Result) throws -> Result {
        threads.lock()
        defer { threads.unlock() }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw DurableFile.failure("lock", path) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
