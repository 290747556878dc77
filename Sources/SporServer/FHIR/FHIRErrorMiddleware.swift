import Hummingbird
import SporApplication
import SporFHIR

/// Answers every refusal under `/fhir` as a FHIR OperationOutcome with the status the JSON API would give: each
/// field error an issue at its element's FHIRPath, with the rule and a message that never repeats a value.
/// Anything unexpected passes on to ``RequestLogMiddleware`` (a bare 500).
struct FHIRErrorMiddleware: RouterMiddleware {
    typealias Context = SporRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return Self.outcome(problem)
        } catch let error as UseCaseError {
            return Self.outcome(Problem(error))
        } catch let error as HTTPError {
            return Self.outcome(Problem(error.status, kind: "http", title: error.status.reasonPhrase))
        }
    }

    private static func outcome(_ problem: Problem) -> Response {
        let resource =
            problem.errors.isEmpty
            ? FHIROperationOutcome.make(issueType: issueType(problem.status), message: problem.detail ?? problem.title)
            : FHIROperationOutcome.make(problem.errors)
        var headers = HTTPFields()
        if problem.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"spor\"" }
        return FHIRResponse.make(problem.status, resource, headers: headers)
    }

    private static func issueType(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "structure"
        case 401: "login"
        case 403: "forbidden"
        case 404: "not-found"
        case 405, 415: "not-supported"
        case 409: "conflict"
        case 413: "too-costly"
        case 503: "transient"
        default: "exception"
        }
    }
}
