/// A text in Danish and English.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var da: String
    public var en: String

    public init(da: String, en: String) {
        self.da = da
        self.en = en
    }

    /// The text in `language` (`"da"` or `"en"`); Danish for anything else.
    public func text(_ language: String) -> String { language == "en" ? en : da }
}
