import Foundation

/// Threads of their own for work that runs long or blocks: reports, and reads that wait for the dataset's lock.
///
/// On Linux, dispatch's global concurrent queues share their threads with Swift's cooperative pool, so a report
/// queued there takes a thread every request needs, and a read blocked there stalls them. Jobs here run in
/// arrival order on threads started as they are needed (up to `limit`, then jobs wait their turn) and kept for the
/// next ones.
final class BlockingWorkers: @unchecked Sendable {
    private let name: String
    private let limit: Int
    /// Guards the fields below.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var idle = 0
    private var started = 0

    init(name: String, limit: Int) {
        self.name = name
        self.limit = limit
    }

    /// Runs `job` on one of the threads, starting one when every thread is busy.
    func async(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let start = jobs.count > idle && started < limit
        if start { started += 1 }
        condition.signal()
        condition.unlock()
        guard start else { return }
        let thread = Thread { self.work() }
        thread.name = name
        thread.start()
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
        }
    }
}
