import Foundation
import SporInstruments
import SporReports

/// Charts as inline SVG, which needs no script and passes the Content-Security-Policy.
enum Charts {
    /// An SVG document made by SporReports (which escapes its text), without its XML declaration, described for
    /// screen readers by its own `<title>`.
    static func inline(_ svg: String) -> HTML {
        var markup = svg
        if markup.hasPrefix("<?xml"), let end = markup.firstIndex(of: "\n") { markup = String(markup[markup.index(after: end)...]) }
        markup = markup.replacingOccurrences(of: "<svg xmlns=", with: "<svg role=\"img\" xmlns=", options: [], range: nil)
        return .trusted(markup)
    }

    /// The CHIME profile of a Brief INSPIRE-O response: five horizontal bars, one per recovery process, 0–4.
    static func chime(_ values: [TrajectoryPoint.DomainValue], maxValue: Int, _ language: Language) -> HTML {
        let rowHeight = 34
        let labelWidth = 150
        let barWidth = 300
        let height = rowHeight * values.count + 10
        let summary = values.map { "\(domainName($0.domain, language)) \($0.value.map(String.init) ?? "–")" }.joined(separator: ", ")
        var parts: [HTML] = [.tag("title", [], HTML(language("CHIME-profil", "CHIME profile") + ": " + summary))]
        for (index, value) in values.enumerated() {
            let y = 5 + index * rowHeight
            let width = (value.value ?? 0) * barWidth / max(maxValue, 1)
            parts.append(.tag("text", [("x", "0"), ("y", "\(y + 21)")], HTML(domainName(value.domain, language))))
            parts.append(.tag("rect", [("x", "\(labelWidth)"), ("y", "\(y + 4)"), ("width", "\(barWidth)"), ("height", "22"),
                                      ("fill", "#eef1f4"), ("stroke", "#8a8a8a")]))
            parts.append(.tag("rect", [("x", "\(labelWidth)"), ("y", "\(y + 4)"), ("width", "\(width)"), ("height", "22"),
                                      ("fill", "#0b4f94")]))
            parts.append(.tag("text", [("x", "\(labelWidth + barWidth + 10)"), ("y", "\(y + 21)")],
                              HTML("\(value.value.map(String.init) ?? "–") / \(maxValue)")))
        }
        return .tag("svg", [("role", "img"), ("xmlns", "http://www.w3.org/2000/svg"), ("width", "\(labelWidth + barWidth + 60)"),
                            ("height", "\(height)"), ("viewBox", "0 0 \(labelWidth + barWidth + 60) \(height)"),
                            ("font-family", "sans-serif"), ("font-size", "15"), ("fill", "#1b1b1b")], children: parts)
    }

    /// A CHIME domain's name.
    static func domainName(_ domain: String, _ language: Language) -> String {
        switch domain {
        case "connectedness": language("Forbundethed", "Connectedness")
        case "hope": language("Håb", "Hope")
        case "identity": language("Identitet", "Identity")
        case "meaning": language("Mening", "Meaning")
        case "empowerment": language("Empowerment", "Empowerment")
        default: domain
        }
    }
}
