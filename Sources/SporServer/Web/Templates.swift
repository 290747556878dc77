import Mustache

/// The page templates (`Web/Templates/*.mustache`, compiled in as ``EmbeddedTemplates`` by
/// `scripts/embed-templates.sh`), each registered by its file name so that any of them is a partial of the others.
/// Every page is `layout` around its own template (``Document``); `{{ }}` escapes for HTML, and only the SVG
/// charts of SporReports, which escape their own text, are taken as they are (`{{{trustedSVG}}}`).
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in EmbeddedTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates are part of the program, and `WebTemplatesTests` parses every one of them.
                preconditionFailure("Templates/\(name).mustache does not parse: \(error)")
            }
        }
        return library
    }()

    /// A whole page.
    static func render(_ document: Document) -> String {
        library.render(document, withTemplate: "layout") ?? ""
    }
}
