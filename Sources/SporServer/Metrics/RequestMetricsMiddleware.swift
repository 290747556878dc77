import CoreMetrics
import Hummingbird

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
        let route = context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched"
        let method = Self.methods.contains(request.method) ? request.method.rawValue : "other"
        let dimensions = [("method", method), ("route", route), ("status", String(status.code))]
        Counter(label: "spor_http_requests_total", dimensions: dimensions, factory: factory).increment()
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        CoreMetrics.Timer(label: "spor_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
