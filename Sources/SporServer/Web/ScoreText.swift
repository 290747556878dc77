import SporInstruments
import SporReports

/// Scores, flags and changes in plain, neutral words.
enum ScoreText {
    /// The flags in the neutral words of the instrument's definition: "Lav trivsel: score 50 eller derunder".
    static func flags(_ flags: [Flag], of definition: InstrumentDefinition, _ language: Language) -> [String] {
        flags.filter { $0 != .incomplete }.map { flag in
            if let rule = definition.flags.first(where: { $0.name == flag }) { return rule.label.text(language.rawValue) }
            let text = Wording.flag(flag).text(language.rawValue)
            return text.prefix(1).uppercased() + text.dropFirst()
        }
    }

    /// "+8 point: uændret", with "krydsede grænsen" when it crossed the cut-off.
    static func change(_ change: ScoreChange, _ language: Language) -> String {
        let sign = change.delta > 0 ? "+" : change.delta < 0 ? "−" : "±"
        var text = "\(sign)\(abs(change.delta)) " + language("point", "points") + ": "
            + Wording.direction(change.direction).text(language.rawValue)
        if change.crossedCutoff { text += language(", over grænsen nu", ", now above the cut-off") }
        return text
    }
}
