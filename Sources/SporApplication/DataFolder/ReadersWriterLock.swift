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

    /// Holds it shared if no writer holds it now or after one of `yields` turns of giving up the processor. A
    /// writer of the responses in memory only applies the entries of a group commit or two, and lets go sooner than
    /// a read moved to a thread of its own would start (the move is two thread switches).
    func tryLockForReading(yields: Int) -> Bool {
        for _ in 0..<yields {
            if tryLockForReading() { return true }
            sched_yield()
        }
        return tryLockForReading()
    }

    /// Waits until nobody holds the lock, then holds it alone.
    func lockForWriting() { pthread_rwlock_wrlock(lock) }

    /// Holds it alone if nobody holds it now.
    func tryLockForWriting() -> Bool { pthread_rwlock_trywrlock(lock) == 0 }

    func unlock() { pthread_rwlock_unlock(lock) }
}
