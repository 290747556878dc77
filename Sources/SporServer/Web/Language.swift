import Foundation
import Hummingbird
import SporInstruments
import SporReports

/// The language of a page: Danish unless the user chose English with `?lang=en` (remembered in a cookie) or the
/// browser's `Accept-Language` puts English before Danish. Its texts come from ``Strings``; its numbers are
/// written as its readers write them (``decimal(_:digits:)``).
enum Language: String, Sendable {
    case da, en

    /// The cookie that remembers a choice made with `?lang=`.
    static let cookieName = "spor_lang"

    /// The language of a request, and whether it was chosen with `?lang=` just now (so it is remembered).
    static func of(_ request: Request) -> (language: Language, chosen: Bool) {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) {
            return (chosen, true)
        }
        if let remembered = request.cookies[cookieName].flatMap({ Language(rawValue: $0.value) }) {
            return (remembered, false)
        }
        let accepted = (request.headers[.acceptLanguage] ?? "").split(separator: ",").compactMap {
            entry -> (Language, Double)? in
            let parts = entry.split(separator: ";")
            let tag = parts.first?.trimmingCharacters(in: .whitespaces).lowercased().split(separator: "-").first
            guard let tag, let language = Language(rawValue: String(tag)) else { return nil }
            let quality =
                parts.dropFirst().first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("q=") }
                .flatMap { Double($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) } ?? 1
            return (language, quality)
        }
        return (accepted.max { $0.1 < $1.1 }?.0 ?? .da, false)
    }

    /// The text of `key` in ``Strings``, each `{name}` replaced by `values[name]`; the key itself when it is missing
    /// (which `WebStringsTests` rules out).
    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = Strings.table[key]?.text(rawValue) ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// A text of the instrument definitions (a name, an item, an option or a flag label) in this language.
    func text(_ localized: LocalizedText) -> String { localized.text(rawValue) }

    /// Every text of ``Strings`` in this language, for the templates' `{{t.key}}`.
    var texts: [String: String] { self == .da ? Self.danish : Self.english }

    private static let danish = Strings.table.mapValues(\.da)
    private static let english = Strings.table.mapValues(\.en)

    /// A number with `digits` decimals: `43,3` in Danish, `43.3` in English.
    func decimal(_ value: Double, digits: Int = 1) -> String {
        DecimalText.fixed(value, decimals: digits, separator: self == .da ? "," : ".")
    }

    /// A share (0–1) in whole per cent: `43 %`.
    func percent(_ share: Double) -> String { String(format: "%.0f %%", share * 100) }

    /// The words, decimal separator and instrument names of the SVG charts in this language.
    var chartWording: ChartWording {
        ChartWording(
            cutoff: text("chartCutoff"), gaps: text("chartGaps"), primary: text("chartPrimary"),
            complementary: text("chartComplementary"), noGroup: text("noGroup"),
            decimalSeparator: self == .da ? "," : ".",
            instrumentNames: Dictionary(
                uniqueKeysWithValues: InstrumentCatalog.builtIn.definitions.map { ($0.id, text($0.name)) }))
    }
}
