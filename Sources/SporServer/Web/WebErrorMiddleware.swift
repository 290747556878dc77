import Hummingbird
import SporApplication

/// Turns errors on the web pages into pages: no sign-in sends the browser to the sign-in form (saying so when
/// the session expired), anything else becomes a short page with the status, in the page's language, that never
/// repeats the request's path or query. Unexpected errors pass on to the server's edge, which answers a bare 500.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = SporRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let status: HTTPResponse.Status
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            status = problem.status
        } catch let error as UseCaseError {
            status = Problem(error).status
        } catch let error as HTTPError {
            status = error.status
        }
        if status == .unauthorized, context.sessionExpired {
            var response = WebPage.redirect("/sign-in?expired=1")
            response.setCookie(
                Cookie(
                    name: SessionStore.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        if status == .unauthorized { return WebPage.redirect("/sign-in") }
        let page = WebPage(request, context, repeatingPath: false)
        let view = ErrorView(status, page.language)
        return page.render("error", view, title: view.title, status: status)
    }
}
