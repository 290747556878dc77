import Hummingbird
import SporApplication

extension SporRequestContext {
    /// The caller the use cases see: the identity the bearer token or the web session gave; 401 without one.
    /// What the caller may do is the access policy's to say, in the use case.
    func caller() throws -> Caller {
        guard let identity else { throw Problem.unauthorized }
        return .token(identity)
    }

    /// The route as the audit trail names it: the method and the route template
    /// (`GET /v1/citizens/{citizen}/trajectory`), never the path's values.
    func endpoint(_ request: Request) -> String { "\(request.method) \(endpointPath ?? "-")" }
}
