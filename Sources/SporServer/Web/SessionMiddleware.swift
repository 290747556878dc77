import Foundation
import Hummingbird
import SporApplication

/// Reads the session cookie and, for a live session whose token is still live, sets the caller's identity and
/// session on the context. It refuses nothing itself: each page says which roles it serves.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = SporRequestContext

    let sessions: SessionStore
    let spor: UseCases
    let now: @Sendable () -> Date

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let id = request.cookies[SessionStore.cookieName]?.value else { return try await next(request, context) }
        var context = context
        switch sessions.lookup(id, now: now()) {
        case .live(let session):
            if let identity = try spor.identity(forTokenHash: session.tokenHash) {
                context.identity = identity
                context.session = session
            } else {
                sessions.remove(id)
            }
        case .expired:
            context.sessionExpired = true
        case .unknown:
            break
        }
        return try await next(request, context)
    }
}
