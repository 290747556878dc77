import SporInstruments
import SporReports

/// Scores, flags and changes in plain, neutral words.
enum ScoreText {
    /// The flags in the neutral words of the instrument's definition: "Lav trivsel: score 50 eller derunder"; a
    /// flag the definition does not label (none today) by its name.
    static func flags(_ flags: [Flag], of definition: InstrumentDefinition, _ language: Language) -> [String] {
        flags.filter { $0 != .incomplete }.map { flag in
            definition.flags.first { $0.name == flag }.map { language.text($0.label) } ?? flag.rawValue
        }
    }

    /// "+8 point: uændret", with "over grænsen nu" when it crossed the cut-off.
    static func change(_ change: ScoreChange, _ language: Language) -> String {
        let sign = change.delta > 0 ? "+" : change.delta < 0 ? "−" : "±"
        var text =
            "\(sign)\(abs(change.delta)) " + language.text("points") + ": " + direction(change.direction, language)
        if change.crossedCutoff { text += language.text("nowAboveCutoff") }
        return text
    }

    /// A change classification: "forværret".
    static func direction(_ direction: Change.Direction, _ language: Language) -> String {
        switch direction {
        case .improved: language.text("improved")
        case .unchanged: language.text("unchanged")
        case .deteriorated: language.text("deteriorated")
        }
    }
}
