import Synchronization

/// How long a request waits for PostgreSQL before it is answered that the store cannot serve it now. While
/// PostgreSQL is down its client keeps trying to connect and would hold a request indefinitely; after the deadline
/// the request fails with a clear `unavailable` problem (HTTP 503) and the work itself goes on, finishing once
/// PostgreSQL is back.
enum StoreDeadline {
    /// Seconds a request waits for PostgreSQL.
    static let seconds = 5

    /// The error a request past the deadline gets.
    static var unavailable: UseCaseError {
        UseCaseError.unavailable(
            "The PostgreSQL store did not answer within \(seconds) s (it may be down or overloaded); nothing was acknowledged. Try again."
        )
    }

    /// The result of `operation`, or ``unavailable`` once ``seconds`` have passed without one (the operation goes
    /// on then: use it only where finishing late does no harm, such as an audit line written after the data was
    /// refused).
    static func run<Result: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
            let waiting = Waiting(continuation)
            let timer = Task {
                try? await Task.sleep(for: .seconds(seconds))
                if Task.isCancelled { return }
                waiting.take()?.resume(throwing: unavailable)
            }
            Task {
                do {
                    let result = try await operation()
                    waiting.take()?.resume(returning: result)
                } catch {
                    waiting.take()?.resume(throwing: error)
                }
                timer.cancel()
            }
        }
    }

    /// A continuation resumed once, by whichever comes first.
    private final class Waiting<Result: Sendable>: Sendable {
        private let continuation: Mutex<CheckedContinuation<Result, any Error>?>

        init(_ continuation: CheckedContinuation<Result, any Error>) {
            self.continuation = Mutex(continuation)
        }

        func take() -> CheckedContinuation<Result, any Error>? {
            continuation.withLock { $0.take() }
        }
    }
}
