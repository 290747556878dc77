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
            let profile = score.profile.map { "\($0.domain) \($0.value.map(String.init) ?? "–")" }.joined(
                separator: ", ")
            rows.append(("CHIME profile", profile))
        }
        var flags = definition.flags.filter { score.flags.contains($0.name) }.map { "\($0.name): \($0.label.en)" }
        if score.flags.contains(.incomplete) { flags.insert("incomplete: an item is unanswered", at: 0) }
        rows.append(("Flags", flags.isEmpty ? "none" : flags.joined(separator: "\n")))
        let width = rows.map(\.0.count).max() ?? 0
        let indent = String(repeating: " ", count: width + 2)
        return rows.map { row in
            row.0.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + row.1.replacingOccurrences(of: "\n", with: "\n" + indent)
        }.joined(separator: "\n")
    }
}
