public import Hummingbird
public import Logging
import NIOCore
import SporApplication

/// Logs one line per request with the method, the route template, the status and the latency, and nothing else:
/// never a body, a path with its values, a CPR number, a token or a citizen id.
///
/// It is also the edge where errors become responses: a ``Problem`` passes through, Hummingbird's own errors
/// (no such route, body too large) become problems, and anything else a bare 500 that says nothing of its cause.
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = SporRequestContext

    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status, since: start)
            return response
        } catch let problem as Problem {
            log(request, context, status: problem.status, since: start)
            throw problem
        } catch let error as UseCaseError {
            let problem = Problem(error)
            log(request, context, status: problem.status, since: start)
            throw problem
        } catch let error as HTTPError {
            let problem: Problem =
                switch error.status {
                case .notFound: .notFound("No such route.")
                case .methodNotAllowed:
                    Problem(.methodNotAllowed, kind: "method-not-allowed", title: "Method not allowed")
                case .contentTooLarge: .tooLarge(limit: context.maxUploadSize)
                default: Problem(error.status, kind: "http", title: error.status.reasonPhrase)
                }
            log(request, context, status: problem.status, since: start)
            throw problem
        } catch {
            logger.error(
                "unexpected error",
                metadata: [
                    "method": "\(request.method)", "route": "\(context.endpointPath ?? "-")",
                    "error": "\(type(of: error))",
                ])
            log(request, context, status: .internalServerError, since: start)
            throw Problem.internalError
        }
    }

    private func log(
        _ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(context.endpointPath ?? "-"),
                "status": .string(String(status.code)), "ms": .string(Self.milliseconds(since: start)),
            ])
    }

    /// The time since `start` in milliseconds to two decimals, as `Double`'s description writes the rounded value
    /// (`0.31`, `12.0`), from whole hundredths: a line is written for every request, and formatting a `Double`
    /// cost more than the rest of the line's values.
    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return milliseconds(hundredths: seconds * 100_000 + (attoseconds + 5_000_000_000_000) / 10_000_000_000_000)
    }

    static func milliseconds(hundredths: Int64) -> String {
        let fraction = hundredths % 100
        return "\(hundredths / 100)."
            + (fraction == 0
                ? "0" : fraction % 10 == 0 ? String(fraction / 10) : fraction < 10 ? "0\(fraction)" : String(fraction))
    }
}
