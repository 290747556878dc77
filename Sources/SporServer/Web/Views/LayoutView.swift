import SporApplication

/// What the layout shared by every page shows around a page (`Templates/layout.mustache`, `header.mustache`): the
/// language, the title, the navigation for the user's role, who is signed in, the sign-out form and the link to
/// the other language.
struct LayoutView {
    /// A link of the navigation.
    struct Link {
        let href: String
        let text: String
        /// The page shown is this link's.
        let current: Bool
    }

    /// The signed-in user, named with their role.
    struct User {
        let name: String
        let role: String
    }

    let lang: String
    let title: String
    /// Leaves out the header: the print view of the citizen page.
    let printView: Bool
    /// The pages the user's role may open; empty when signed out.
    let nav: [Link]
    let hasNav: Bool
    let user: User?
    /// The session's CSRF token, for the sign-out form.
    let csrf: String
    let otherLanguage: String
    let otherLanguageName: String
    /// This page in the other language.
    let otherLanguageHref: String

    /// - Parameters:
    ///   - path: the page's path, marking its link in the navigation and kept by the language link.
    ///   - query: the page's query without `lang`, kept by the language link.
    init(
        language: Language, title: String, identity: Identity?, csrf: String, path: String, query: String,
        printView: Bool = false
    ) {
        lang = language.rawValue
        self.title = title
        self.printView = printView
        self.csrf = csrf
        var nav: [Link] = []
        if let role = identity?.role {
            let may = { (action: AccessPolicy.Action) in AccessPolicy.scope(of: role, for: action) != .none }
            for (action, href, key) in [
                (AccessPolicy.Action.record, "/responses/new", "newResponse"),
                (.readCitizen, "/citizens", "findCitizen"),
                (.attentionList, "/attention", "attention"), (.releasedReport, "/trends", "trends"),
            ] where may(action) {
                nav.append(Link(href: href, text: language.text(key), current: path == href))
            }
        }
        self.nav = nav
        hasNav = !nav.isEmpty
        user = identity.map { User(name: $0.name, role: Self.roleName($0.role, language)) }
        let other: Language = language == .da ? .en : .da
        otherLanguage = other.rawValue
        otherLanguageName = other == .en ? "English" : "Dansk"
        otherLanguageHref = "\(path)?\(query.isEmpty ? "" : query + "&")lang=\(other.rawValue)"
    }

    /// The name of a role in the page's language.
    static func roleName(_ role: Role, _ language: Language) -> String {
        switch role {
        case .staff: language.text("roleStaff")
        case .caseworker: language.text("roleCaseworker")
        case .strategic: language.text("roleStrategic")
        case .admin: language.text("roleAdmin")
        }
    }
}
