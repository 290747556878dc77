import CoreMetrics
import Hummingbird
import Synchronization

/// Counts every request and records its latency by method, route template and status:
/// `spor_http_requests_total` and `spor_http_request_duration_seconds` (docs/server.md).
///
/// The route is the template (`/v1/citizens/{citizen}/trajectory`), never the path with its values; a path no
/// route serves is `unmatched`, and a method outside HTTP's registered ones is `other`, so no label can carry what
/// a caller typed (a CPR number, a citizen id, a token). Hummingbird's own `MetricsMiddleware` records into the
/// process-wide factory, and in a closure after the body is written; this one records into the factory it is
/// given, before the answer leaves, so each server in a test process has its own figures.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = SporRequestContext

    let factory: any MetricsFactory
    /// The counter and timer of each method, route and status seen, made once: asking the factory for them on
    /// every request looked them up by their labels in its registry each time.
    private let handles = Handles()

    private final class Handles: Sendable {
        let made = Mutex<[Labels: (Counter, CoreMetrics.Timer)]>([:])
    }

    private struct Labels: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// The methods named in a label as they are.
    private static let methods: Set<HTTPRequest.Method> = [
        .get, .head, .post, .put, .delete, .patch, .options, .trace, .connect,
    ]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(request, context, status: status, since: start)
            throw error
        }
    }

    private func record(
        _ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        let labels = Labels(
            method: Self.methods.contains(request.method) ? request.method.rawValue : "other",
            route: context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched",
            status: status.code)
        let (counter, timer) = handles.made.withLock { handles in
            if let made = handles[labels] { return made }
            let dimensions = [
                ("method", labels.method), ("route", labels.route), ("status", String(labels.status)),
            ]
            let made = (
                Counter(label: "spor_http_requests_total", dimensions: dimensions, factory: factory),
                CoreMetrics.Timer(
                    label: "spor_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            )
            handles[labels] = made
            return made
        }
        counter.increment()
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
