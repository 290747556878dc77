import Foundation
import Hummingbird
import SporApplication
import NIOCore
import SporInstruments

/// The frame every page shares: the language, the signed-in user, the navigation for their role, the
/// sign-out form, and the document around a page's content.
struct WebPage {
    let language: Language
    /// The language was chosen with `?lang=` on this request, so the answer remembers it in a cookie.
    let languageChosen: Bool
    let identity: Identity?
    let session: WebSession?
    let path: String
    /// The query without `lang`, for the links that switch language.
    private let otherQuery: String

    /// - Parameter repeatingPath: `false` for an error page: the request's path and query may hold anything (a CPR
    ///   number too) and are never repeated, so its language link leads to the front page.
    init(_ request: Request, _ context: SporRequestContext, repeatingPath: Bool = true) {
        (language, languageChosen) = Language.of(request)
        identity = context.identity
        session = context.session
        path = repeatingPath ? request.uri.path : "/"
        otherQuery = repeatingPath
            ? (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.joined(separator: "&") : ""
    }

    /// The hidden field with the session's CSRF token, for every form of a signed-in page.
    var csrfField: HTML {
        .tag("input", [("type", "hidden"), ("name", "csrf"), ("value", session?.csrf ?? "")])
    }

    /// The page as an HTML answer.
    /// - Parameter printView: leave out the navigation and everything that is only for the screen.
    func render(title: String, status: HTTPResponse.Status = .ok, printView: Bool = false, content: [HTML]) -> Response {
        let document = HTML.tag("html", [("lang", language.rawValue)],
            .tag("head", [],
                .tag("meta", [("charset", "utf-8")]),
                .tag("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .tag("title", [], HTML("\(title) – Spor")),
                .tag("link", [("rel", "stylesheet"), ("href", Stylesheet.path)])),
            .tag("body", [("class", printView ? "print-view" : nil)],
                printView ? .empty : header(),
                .tag("main", [("id", "main")], .tag("h1", [], HTML(title)), HTML(content))))
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "<!doctype html>\n" + document.markup + "\n")))
        if languageChosen {
            response.setCookie(Cookie(
                name: Language.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", httpOnly: true,
                sameSite: .strict))
        }
        return response
    }

    /// A 303 to `location`, the answer to a form that worked.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The name of a role in the page's language.
    func roleName(_ role: Role) -> String {
        switch role {
        case .staff: language("medarbejder", "staff")
        case .caseworker: language("sagsbehandler", "case worker")
        case .strategic: language("strategisk niveau", "strategic level")
        case .admin: language("administrator", "administrator")
        }
    }

    private func header() -> HTML {
        var links: [(String, String)] = []
        if let role = identity?.role {
            let may = { (action: AccessPolicy.Action) in AccessPolicy.scope(of: role, for: action) != .none }
            if may(.record) { links.append(("/responses/new", language("Ny besvarelse", "New response"))) }
            if may(.readCitizen) { links.append(("/citizens", language("Find borger", "Find citizen"))) }
            if may(.attentionList) { links.append(("/attention", language("Opmærksomhed", "Attention"))) }
            if may(.releasedReport) { links.append(("/trends", language("Tendenser", "Trends"))) }
        }
        let query = otherQuery.isEmpty ? "" : otherQuery + "&"
        let other: Language = language == .da ? .en : .da
        var parts: [HTML] = [
            .tag("a", [("class", "skip"), ("href", "#main")], HTML(language("Spring til indhold", "Skip to content"))),
            .tag("a", [("class", "brand"), ("href", "/")], "Spor"),
        ]
        if !links.isEmpty {
            let items: [HTML] = links.map { href, text in
                .tag("li", [], .tag("a", [("href", href), ("aria-current", path == href ? "page" : nil)], HTML(text)))
            }
            parts.append(.tag("nav", [("aria-label", language("Hovedmenu", "Main menu"))], .tag("ul", [], children: items)))
        }
        if let identity {
            parts.append(.tag("form", [("class", "sign-out"), ("method", "post"), ("action", "/sign-out")],
                .tag("span", [], HTML(language("Logget ind som", "Signed in as") + " \(identity.name) (\(roleName(identity.role)))")),
                " ", csrfField,
                .tag("button", [("type", "submit"), ("class", "link")], HTML(language("Log ud", "Sign out")))))
        }
        parts.append(.tag("a", [("class", "language"), ("href", "\(path)?\(query)lang=\(other.rawValue)"),
                                ("lang", other.rawValue), ("hreflang", other.rawValue)],
                          HTML(other == .en ? "English" : "Dansk")))
        return .tag("header", [], children: parts)
    }
}
