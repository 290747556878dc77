import Foundation
import HTTPTypes
import Hummingbird
import SporApplication
import SporInstruments

/// `/sign-in` and `/sign-out`: the user gives their token once and gets a session cookie (HttpOnly,
/// SameSite=Strict, Secure behind TLS) that lasts ``WebSettings/sessionLifetime``. The sign-in form carries its
/// own CSRF token, matched against a short-lived cookie, so no other site can sign a browser in.
struct SignInController {
    let spor: UseCases
    let sessions: SessionStore
    let settings: WebSettings
    let now: @Sendable () -> Date

    /// The cookie that holds the sign-in form's CSRF token.
    static let formCookie = "spor_signin"

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("/", use: home)
        group.get("sign-in", use: form)
        group.post("sign-in", use: signIn)
        group.post("sign-out", use: signOut)
        group.get("static/spor.css", use: stylesheet)
    }

    /// The front page sends each role to its first page, and anyone not signed in to the sign-in form.
    @Sendable func home(_ request: Request, context: SporRequestContext) async throws -> Response {
        switch context.identity?.role {
        case nil: throw Problem.unauthorized
        case .staff?: WebPage.redirect("/responses/new")
        case .caseworker?, .admin?: WebPage.redirect("/attention")
        case .strategic?: WebPage.redirect("/trends")
        }
    }

    @Sendable func form(_ request: Request, context: SporRequestContext) async throws -> Response {
        if context.identity != nil { return WebPage.redirect("/") }
        let expired = request.uri.queryParameters.get("expired") == "1"
        return render(WebPage(request, context), request: request, status: .ok, notice: expired, wrongToken: false)
    }

    @Sendable func signIn(_ request: Request, context: SporRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        guard let expected = request.cookies[Self.formCookie]?.value, SessionStore.matches(form["csrf"], expected)
        else {
            throw Problem.forbidden("The sign-in form's CSRF token is missing or wrong.")
        }
        let page = WebPage(request, context)
        guard let token = form.nonEmpty("token"), try spor.identity(forToken: token) != nil else {
            return render(page, request: request, status: .unauthorized, notice: false, wrongToken: true)
        }
        let session = sessions.create(tokenHash: TokenStore.hash(token), now: now())
        var response = WebPage.redirect("/")
        response.setCookie(
            Cookie(
                name: SessionStore.cookieName, value: session.id,
                maxAge: Int(settings.sessionLifetime.components.seconds),
                path: "/", secure: secure(request), httpOnly: true, sameSite: .strict))
        response.setCookie(
            Cookie(name: Self.formCookie, value: "", maxAge: 0, path: "/sign-in", httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func signOut(_ request: Request, context: SporRequestContext) async throws -> Response {
        _ = try await FormBody.read(request, session: context)  // checks the CSRF token
        if let session = context.session { sessions.remove(session.id) }
        var response = WebPage.redirect("/sign-in")
        response.setCookie(
            Cookie(
                name: SessionStore.cookieName, value: "", maxAge: 0, path: "/", secure: secure(request), httpOnly: true,
                sameSite: .strict))
        return response
    }

    @Sendable func stylesheet(_ request: Request, context: SporRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: .init(string: Stylesheet.css)))
    }

    /// Cookies are `Secure` when the daemon is told it is behind TLS or the proxy says the request came over TLS.
    private func secure(_ request: Request) -> Bool {
        settings.behindTLS || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    private func render(
        _ page: WebPage, request: Request, status: HTTPResponse.Status, notice: Bool, wrongToken: Bool
    ) -> Response {
        let csrf = SessionStore.randomToken()
        let view = SignInView(
            expired: notice, wrongToken: wrongToken, sessionHours: settings.sessionLifetime.components.seconds / 3600,
            formToken: csrf, page.language)
        var response = page.render("sign-in", view, title: page.language.text("signIn"), status: status)
        response.setCookie(
            Cookie(
                name: Self.formCookie, value: csrf, maxAge: 3600, path: "/sign-in", secure: secure(request),
                httpOnly: true,
                sameSite: .strict))
        return response
    }
}
