import Foundation

/// A POSIX readers-writer lock that prefers readers: a reader is let in while others read, even when a writer
/// waits. The responses in memory are guarded by one; the write path only ever *tries* to take it, so a write is
/// never held up by a report.
final class ReadersWriterLock: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// Waits until no writer holds the lock, then holds it shared.
    func lockForReading() { pthread_rwlock_rdlock(lock) }

    /// Holds it shared if no writer holds it now.
    func tryLockForReading() -> Bool { pthread_rwlock_tryrdlock(lock) == 0 }

    /// Waits until nobody holds the lock, then holds it alone.
    func lockForWriting() { pthread_rwlock_wrlock(lock) }

    /// Holds it alone if nobody holds it now.
    func tryLockForWriting() -> Bool { pthread_rwlock_trywrlock(lock) == 0 }

    func unlock() { pthread_rwlock_unlock(lock) }
}
