import Foundation
import SporInstruments

/// The readable form of a score for a terminal.
struct ScoreTable {
    let score: Score
    let catalog: InstrumentCatalog

    var text: String {
        guard let definition = catalog[score.instrument] else { return "" }
        let answers = score.answers.map { $0.map(String.init) ?? "–" }.joined(separator: " ")
        var rows: [(String, String)] = [
            ("Instrument", "\(definition.name.en) (\(definition.id), definition \(definition.version))"),
            ("Answers", answers),
        ]
        if let raw = score.raw, let value = score.score {
            rows.append(("Raw score", "\(raw) of \(definition.maxRaw)"))
            rows.append(("Score", "\(value) of 100"))
        } else {
            rows.append(("Score", "none: every item must be answered (no imputation)"))
        }
        if !score.profile.isEmpty {
            let profile = score.profile.map { "\($0.domain) \($0.value.map(String.init) ?? "–")" }.joined(separator: ", ")
            rows.append(("CHIME profile", profile))
        }
        rows.append(("Flags", score.flags.isEmpty ? "none" : score.flags.map(\.rawValue).joined(separator: ", ")))
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }
}
