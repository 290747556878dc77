import Foundation
import Hummingbird
import NIOCore
import SporApplication

/// What every page of a request shares: the language, the signed-in user and their session, and the path the
/// layout's links refer to. It renders a page's view-model in the page's template inside the shared layout.
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
        otherQuery =
            repeatingPath
            ? (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.joined(separator: "&")
            : ""
    }

    /// The session's CSRF token, for the forms of a signed-in page.
    var csrf: String { session?.csrf ?? "" }

    /// The layout around a page with this title.
    func layout(title: String, printView: Bool = false) -> LayoutView {
        LayoutView(
            language: language, title: title, identity: identity, csrf: csrf, path: path, query: otherQuery,
            printView: printView)
    }

    /// The page as an HTML answer: `view` rendered in `Templates/<template>.mustache` inside the layout.
    /// - Parameter printView: leave out the navigation and everything that is only for the screen.
    func render(
        _ template: String, _ view: Any, title: String, status: HTTPResponse.Status = .ok, printView: Bool = false
    ) -> Response {
        let document = Document(
            layout: layout(title: title, printView: printView), template: template, page: view, t: language.texts)
        let html = Templates.render(document)
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        if languageChosen {
            response.setCookie(
                Cookie(
                    name: Language.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                    httpOnly: true,
                    sameSite: .strict))
        }
        return response
    }

    /// A 303 to `location`, the answer to a form that worked.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
