import Testing

@testable import SporLog

@Suite struct GroupCommitStateMachineTests {
    @Test func firstBatchFlushesAloneAndWaitersGoTogether() {
        var machine = GroupCommitStateMachine<Int>()
        guard case .flush(let first) = machine.enqueue(1) else {
            Issue.record("expected a flush")
            return
        }
        #expect(first == [1])
        guard case .wait = machine.enqueue(2), case .wait = machine.enqueue(3) else {
            Issue.record("expected waits")
            return
        }
        guard case .flush(let next) = machine.flushSucceeded() else {
            Issue.record("expected the waiters")
            return
        }
        #expect(next == [2, 3])
        guard case .wait = machine.flushSucceeded(), case .idle = machine.state else {
            Issue.record("expected idle")
            return
        }
    }

    @Test func failureFailsWaitersAndRefusesMore() {
        var machine = GroupCommitStateMachine<Int>()
        _ = machine.enqueue(1)
        _ = machine.enqueue(2)
        #expect(machine.flushFailed() == [2])
        guard case .refuse = machine.enqueue(3) else {
            Issue.record("expected a refusal")
            return
        }
    }

    @Test func closesOnlyWhenNothingIsInFlight() {
        var machine = GroupCommitStateMachine<Int>()
        _ = machine.enqueue(1)
        let closedWhileFlushing = machine.close()
        #expect(!closedWhileFlushing)
        _ = machine.flushSucceeded()
        let closedWhenIdle = machine.close()
        #expect(closedWhenIdle)
        guard case .refuse = machine.enqueue(2) else {
            Issue.record("expected a refusal")
            return
        }
    }
}
