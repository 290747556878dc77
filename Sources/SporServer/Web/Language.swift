import Foundation
import Hummingbird

/// The language of a page: Danish unless the user chose English with `?lang=en` (remembered in a cookie) or the
/// browser's `Accept-Language` puts English before Danish.
enum Language: String, Sendable {
    case da, en

    /// The cookie that remembers a choice made with `?lang=`.
    static let cookieName = "spor_lang"

    /// The language of a request, and whether it was chosen with `?lang=` just now (so it is remembered).
    static func of(_ request: Request) -> (language: Language, chosen: Bool) {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) { return (chosen, true) }
        if let remembered = request.cookies[cookieName].flatMap({ Language(rawValue: $0.value) }) { return (remembered, false) }
        let accepted = (request.headers[.acceptLanguage] ?? "").split(separator: ",").compactMap { entry -> (Language, Double)? in
            let parts = entry.split(separator: ";")
            let tag = parts.first?.trimmingCharacters(in: .whitespaces).lowercased().split(separator: "-").first
            guard let tag, let language = Language(rawValue: String(tag)) else { return nil }
            let quality = parts.dropFirst().first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("q=") }
                .flatMap { Double($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) } ?? 1
            return (language, quality)
        }
        return (accepted.max { $0.1 < $1.1 }?.0 ?? .da, false)
    }

    /// The text in this language: `language("Ny besvarelse", "New response")`.
    func callAsFunction(_ da: String, _ en: String) -> String {
        self == .en ? en : da
    }
}
