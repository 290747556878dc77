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
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "route": "\(context.endpointPath ?? "-")", "status": "\(status.code)",
                "ms": "\((milliseconds * 100).rounded() / 100)",
            ])
    }
}
