import HTTPTypes
import Foundation
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
        guard let expected = request.cookies[Self.formCookie]?.value, SessionStore.matches(form["csrf"], expected) else {
            throw Problem.forbidden("The sign-in form's CSRF token is missing or wrong.")
        }
        let page = WebPage(request, context)
        guard let token = form.nonEmpty("token"), try spor.identity(forToken: token) != nil else {
            return render(page, request: request, status: .unauthorized, notice: false, wrongToken: true)
        }
        let session = sessions.create(tokenHash: TokenStore.hash(token), now: now())
        var response = WebPage.redirect("/")
        response.setCookie(Cookie(
            name: SessionStore.cookieName, value: session.id, maxAge: Int(settings.sessionLifetime.components.seconds),
            path: "/", secure: secure(request), httpOnly: true, sameSite: .strict))
        response.setCookie(Cookie(name: Self.formCookie, value: "", maxAge: 0, path: "/sign-in", httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func signOut(_ request: Request, context: SporRequestContext) async throws -> Response {
        _ = try await FormBody.read(request, session: context)  // checks the CSRF token
        if let session = context.session { sessions.remove(session.id) }
        var response = WebPage.redirect("/sign-in")
        response.setCookie(Cookie(
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

    private func render(_ page: WebPage, request: Request, status: HTTPResponse.Status, notice: Bool, wrongToken: Bool) -> Response {
        let language = page.language
        let csrf = SessionStore.randomToken()
        var content: [HTML] = []
        if notice {
            content.append(.tag("p", [("class", "notice"), ("role", "status")],
                HTML(language("Din session er udløbet. Log ind igen.", "Your session has expired. Please sign in again."))))
        }
        let hours = settings.sessionLifetime.components.seconds / 3600
        content.append(.tag("p", [], HTML(language(
            "Giv din adgangsnøgle (token) én gang. Du forbliver logget ind i \(hours) timer, eller til du logger ud.",
            "Give your access token once. You stay signed in for \(hours) hours, or until you sign out."))))
        content.append(.tag("form", [("method", "post"), ("action", "/sign-in")],
            .tag("input", [("type", "hidden"), ("name", "csrf"), ("value", csrf)]),
            .tag("div", [("class", wrongToken ? "field invalid" : "field")],
                .tag("label", [("for", "token")], HTML(language("Adgangsnøgle", "Access token"))),
                .tag("p", [("class", "hint"), ("id", "token-hint")], HTML(language(
                    "Den begynder med spor_ og kommer fra din administrator (spor token create).",
                    "It begins with spor_ and comes from your administrator (spor token create).")) ),
                wrongToken ? .tag("p", [("class", "error"), ("id", "token-error")], HTML(language(
                    "Adgangsnøglen kendes ikke eller er tilbagekaldt.", "The access token is unknown or revoked."))) : .empty,
                .tag("input", [("type", "password"), ("id", "token"), ("name", "token"), ("autocomplete", "off"),
                               ("required", "required"), ("autofocus", "autofocus"),
                               ("aria-describedby", wrongToken ? "token-hint token-error" : "token-hint"),
                               ("aria-invalid", wrongToken ? "true" : nil)])),
            .tag("button", [("type", "submit")], HTML(language("Log ind", "Sign in")))))
        var response = page.render(title: language("Log ind", "Sign in"), status: status, content: content)
        response.setCookie(Cookie(
            name: Self.formCookie, value: csrf, maxAge: 3600, path: "/sign-in", secure: secure(request), httpOnly: true,
            sameSite: .strict))
        return response
    }
}
