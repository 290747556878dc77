public import SporInstruments

/// Short plain-language names for instruments and flags, in Danish and English.
public enum Wording {
    /// `WHO-5`, `Brief INSPIRE-O`: the name without its descriptive tail.
    public static func shortName(_ definition: InstrumentDefinition) -> LocalizedText {
        switch definition.id {
        case .who5: LocalizedText(da: "WHO-5", en: "WHO-5")
        default: definition.name
        }
    }

    /// A flag in neutral words.
    public static func flag(_ flag: Flag) -> LocalizedText {
        switch flag {
        case .lowWellbeing: LocalizedText(da: "lav trivsel", en: "low wellbeing")
        case .veryLowWellbeing: LocalizedText(da: "meget lav trivsel", en: "very low wellbeing")
        case .itemAtFloor: LocalizedText(da: "et spørgsmål i bund", en: "an item at the floor")
        case .belowRecoveryCutoff: LocalizedText(da: "under recovery-grænsen", en: "below the recovery cut-off")
        default: LocalizedText(da: flag.rawValue, en: flag.rawValue)
        }
    }

    /// A change classification.
    public static func direction(_ direction: Change.Direction) -> LocalizedText {
        switch direction {
        case .improved: LocalizedText(da: "forbedret", en: "improved")
        case .unchanged: LocalizedText(da: "uændret", en: "unchanged")
        case .deteriorated: LocalizedText(da: "forværret", en: "deteriorated")
        }
    }
}
