/// The states of the group-commit writer, apart from any I/O so each transition can be tested.
///
/// While one flush is in flight, new batches wait; when it completes, all waiting batches go out together in
/// the next flush (one write, one fsync).
struct GroupCommitStateMachine<Batch> {
    enum State {
        /// Nothing in flight.
        case idle
        /// One flush in flight; `waiting` go out with the next one.
        case flushing(waiting: [Batch])
        /// A flush failed: nothing more is accepted.
        case failed
        case closed
    }

    /// What the owner must do next.
    enum Action {
        /// Write and sync these batches now.
        case flush([Batch])
        /// Nothing: the batch waits for the flush in flight.
        case wait
        /// Refuse the batch: the log has failed or is closed.
        case refuse
    }

    private(set) var state: State = .idle

    /// A new batch arrives.
    mutating func enqueue(_ batch: Batch) -> Action {
        switch state {
        case .idle:
            state = .flushing(waiting: [])
            return .flush([batch])
        case .flushing(var waiting):
            waiting.append(batch)
            state = .flushing(waiting: waiting)
            return .wait
        case .failed, .closed:
            return .refuse
        }
    }

    /// The flush in flight is durable; returns the next flush, if batches are waiting.
    mutating func flushSucceeded() -> Action {
        guard case .flushing(let waiting) = state else { preconditionFailure("no flush in flight") }
        if waiting.isEmpty {
            state = .idle
            return .wait
        }
        state = .flushing(waiting: [])
        return .flush(waiting)
    }

    /// The flush in flight failed; returns the waiting batches, which fail too.
    mutating func flushFailed() -> [Batch] {
        guard case .flushing(let waiting) = state else { preconditionFailure("no flush in flight") }
        state = .failed
        return waiting
    }

    /// Closes when idle; returns whether it did.
    mutating func close() -> Bool {
        switch state {
        case .idle, .failed, .closed:
            state = .closed
            return true
        case .flushing:
            return false
        }
    }
}
