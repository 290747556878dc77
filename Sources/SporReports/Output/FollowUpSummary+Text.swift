import Foundation
import SporInstruments

extension FollowUpSummary {
    /// One line per instrument with the key figures and the English and Danish sentences.
    public func csv() -> String {
        var out = CSVText.line([
            "instrument", "baselineDate", "baselineScore", "lastBeforeSinceDate", "lastBeforeSinceScore", "latestDate",
            "latestScore", "changeSinceFollowUp", "directionSinceFollowUp", "changeSinceBaseline",
            "directionSinceBaseline", "currentFlags", "responsesSince", "incompleteSince", "notes", "textDa", "textEn",
        ])
        for item in instruments {
            out += CSVText.line([
                item.instrument.rawValue, item.baseline?.administeredAt.description ?? "",
                item.baseline.map { String($0.score) } ?? "", item.lastBeforeSince?.administeredAt.description ?? "",
                item.lastBeforeSince.map { String($0.score) } ?? "", item.latest?.administeredAt.description ?? "",
                item.latest.map { String($0.score) } ?? "", item.changeSinceFollowUp.map { String($0.delta) } ?? "",
                item.changeSinceFollowUp?.direction.rawValue ?? "",
                item.changeSinceBaseline.map { String($0.delta) } ?? "",
                item.changeSinceBaseline?.direction.rawValue ?? "",
                item.currentFlags.map(\.rawValue).joined(separator: " "), String(item.responsesSince),
                String(item.incompleteSince), item.notes.map(\.code).joined(separator: " "), item.text.da,
                item.text.en,
            ])
        }
        return out
    }

    /// The sentences and notes per instrument, then a small table of the key responses.
    public func table() -> String {
        var out = "citizen \(citizen), since \(since) (as of \(asOf))\n"
        for item in instruments {
            out += "\n\(item.text.en)\n\(item.text.da)\n"
            for note in item.notes { out += "note: \(note.text.en) / \(note.text.da)\n" }
            var table = TextTable(["", "date", "score", "flags"])
            for (name, point) in [
                ("baseline", item.baseline), ("before since", item.lastBeforeSince),
                ("latest", item.latest),
            ] {
                guard let point else { continue }
                table.append([
                    name, point.administeredAt.description, String(point.score),
                    point.flags.map(\.rawValue).joined(separator: " "),
                ])
            }
            out += table.render()
            out += "responses since: \(item.responsesSince) (incomplete: \(item.incompleteSince))\n"
        }
        return out
    }
}
