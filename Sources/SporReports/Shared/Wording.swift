public import SporInstruments

/// Plain-language words for a change, in Danish and English. Instrument and flag names come from the definitions
/// (`shortName`, `shortLabel`).
public enum Wording {
    /// A change classification.
    public static func direction(_ direction: Change.Direction) -> LocalizedText {
        switch direction {
        case .improved: LocalizedText(da: "forbedret", en: "improved")
        case .unchanged: LocalizedText(da: "uændret", en: "unchanged")
        case .deteriorated: LocalizedText(da: "forværret", en: "deteriorated")
        }
    }
}
