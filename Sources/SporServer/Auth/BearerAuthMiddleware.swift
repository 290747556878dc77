import Foundation
public import Hummingbird
public import SporApplication

/// Reads `Authorization: Bearer <token>`, answers 401 unless the token is live, and sets the caller's identity
/// on the context for the routes behind it.
public struct BearerAuthMiddleware: RouterMiddleware {
    public typealias Context = SporRequestContext

    let spor: UseCases

    public init(spor: UseCases) {
        self.spor = spor
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { throw Problem.unauthorized }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard let identity = try spor.identity(forToken: token) else { throw Problem.unauthorized }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}
