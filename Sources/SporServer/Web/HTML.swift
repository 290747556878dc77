import SporReports

/// A piece of HTML in which every text is escaped by construction: text and attribute values are escaped when
/// they become HTML, and only ``trusted(_:)`` takes markup as it is.
///
/// ```swift
/// let page: HTML = .tag("p", [("class", "note")], "Score ", .tag("strong", [], "52"), " < 50? no")
/// page.markup   // <p class="note">Score <strong>52</strong> &lt; 50? no</p>
/// ```
struct HTML: Sendable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// The markup, ready to send.
    private(set) var markup: String

    /// Text, escaped.
    init(_ text: String) {
        markup = Markup.escaped(text)
    }

    init(stringLiteral text: String) {
        self.init(text)
    }

    init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }

    /// The pieces one after the other.
    init(_ pieces: [HTML]) {
        markup = pieces.map(\.markup).joined()
    }

    private init(markup: String) {
        self.markup = markup
    }

    /// Nothing.
    static let empty = HTML(markup: "")

    /// Markup taken as it is: only for markup this program made with its own escaping, such as the SVG charts of
    /// SporReports.
    static func trusted(_ markup: String) -> HTML {
        HTML(markup: markup)
    }

    /// An element with attributes (those whose value is `nil` left out) and children; void elements such as
    /// `input` get no end tag.
    static func tag(_ name: String, _ attributes: [(String, String?)] = [], _ children: HTML...) -> HTML {
        tag(name, attributes, children: children)
    }

    /// An element with a list of children.
    static func tag(_ name: String, _ attributes: [(String, String?)] = [], children: [HTML]) -> HTML {
        var markup = "<" + name
        for case let (attribute, value?) in attributes {
            markup += " \(attribute)=\"\(Markup.escaped(value))\""
        }
        markup += ">"
        guard !voidElements.contains(name) else { return HTML(markup: markup) }
        return HTML(markup: markup + children.map(\.markup).joined() + "</\(name)>")
    }

    private static let voidElements: Set<String> = ["input", "meta", "link", "br", "img"]
}
