import Hummingbird
import SporApplication

/// Turns errors on the web pages into pages: no sign-in sends the browser to the sign-in form (saying so when
/// the session expired), anything else becomes a short page with the status, in the page's language, that never
/// repeats the request's path or query. Unexpected errors pass on to the server's edge, which answers a bare 500.
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = SporRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
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
            response.setCookie(Cookie(name: SessionStore.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        if status == .unauthorized { return WebPage.redirect("/sign-in") }
        let page = WebPage(request, context, repeatingPath: false)
        let language = page.language
        let message: String = switch status {
        case .forbidden: language(
            "Du har ikke adgang til denne side, eller formularen var for gammel. Gå tilbage og prøv igen.",
            "You do not have access to this page, or the form was too old. Go back and try again.")
        case .notFound: language("Siden findes ikke.", "There is no such page.")
        case .conflict: language("Det er i strid med det, der allerede er gemt.", "That conflicts with what is stored.")
        case .contentTooLarge: language("Formularen er for stor.", "The form is too large.")
        default: language("Forespørgslen kunne ikke gennemføres.", "The request could not be completed.")
        }
        return page.render(
            title: "\(status.code) \(status.reasonPhrase)", status: status,
            content: [
                .tag("p", [], HTML(message)),
                .tag("p", [], .tag("a", [("href", "/")], HTML(language("Til forsiden", "To the front page")))),
            ])
    }
}
