import Dispatch
import Foundation
import Testing

@testable import SporApplication

@Suite struct BlockingWorkersTests {
    @Test(.timeLimit(.minutes(1)))
    func aBlockedJobDoesNotHoldUpTheNextWhileThreadsRemain() {
        let workers = BlockingWorkers(name: "test", limit: 2)
        let release = DispatchSemaphore(value: 0)
        let ran = DispatchSemaphore(value: 0)
        workers.async { release.wait() }
        workers.async { ran.signal() }
        #expect(ran.wait(timeout: .now() + 30) == .success)
        release.signal()
    }

    @Test(.timeLimit(.minutes(1)))
    func atTheLimitJobsWaitTheirTurnInOrder() {
        let workers = BlockingWorkers(name: "test", limit: 1)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let order = OrderLog()
        workers.async {
            release.wait()
            order.append(1)
        }
        workers.async {
            order.append(2)
            done.signal()
        }
        // The second job waits for the only thread, which the first holds.
        #expect(done.wait(timeout: .now() + 0.3) == .timedOut)
        release.signal()
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(order.values == [1, 2])
    }

    final class OrderLog: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Int] = []
        func append(_ value: Int) { lock.withLock { stored.append(value) } }
        var values: [Int] { lock.withLock { stored } }
    }
}
