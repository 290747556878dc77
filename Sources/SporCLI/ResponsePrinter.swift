import Foundation
import SporInstruments
import SporLog

/// Prints a stored response with its score, as a table or as one JSON object.
enum ResponsePrinter {
    static func render(
        _ response: Response, definitionVersion: String, status: String, format: DataFolderOptions.Format
    ) -> String {
        let score = InstrumentCatalog.builtIn[response.instrument]?.score(response.answers)
        let answers = response.answers.map { $0.map(String.init) ?? "" }
        switch format {
        case .table:
            var rows: [(String, String)] = [
                ("status", status), ("id", response.id.uuidString.lowercased()), ("citizen", response.citizen.rawValue),
                ("instrument", "\(response.instrument.rawValue) (definition \(definitionVersion))"),
                ("administeredAt", response.administeredAt.description),
                ("answers", answers.joined(separator: ",")),
            ]
            if let score {
                rows.append(("score", score.score.map { "\($0) (raw \(score.raw ?? 0))" } ?? "none (incomplete)"))
                rows.append(("flags", score.flags.map(\.rawValue).joined(separator: ", ")))
            }
            if let unit = response.unit { rows.append(("unit", unit.rawValue)) }
            if let intervention = response.intervention { rows.append(("intervention", intervention.rawValue)) }
            if let mode = response.mode { rows.append(("mode", mode.rawValue)) }
            return rows.map { $0.0.padding(toLength: 15, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
        case .json:
            var members: [String] = [
                "\"status\":\(JSONWriter.quoted(status))", "\"id\":\(JSONWriter.quoted(response.id.uuidString.lowercased()))",
                "\"citizen\":\(JSONWriter.quoted(response.citizen.rawValue))",
                "\"instrument\":\(JSONWriter.quoted(response.instrument.rawValue))",
                "\"definitionVersion\":\(JSONWriter.quoted(definitionVersion))",
                "\"administeredAt\":\(JSONWriter.quoted(response.administeredAt.description))",
                "\"answers\":[\(response.answers.map { $0.map(String.init) ?? "null" }.joined(separator: ","))]",
            ]
            if let unit = response.unit { members.append("\"unit\":\(JSONWriter.quoted(unit.rawValue))") }
            if let intervention = response.intervention { members.append("\"intervention\":\(JSONWriter.quoted(intervention.rawValue))") }
            if let mode = response.mode { members.append("\"mode\":\(JSONWriter.quoted(mode.rawValue))") }
            if let score {
                let flags = score.flags.map { JSONWriter.quoted($0.rawValue) }.joined(separator: ",")
                members.append(
                    "\"score\":{\"complete\":\(score.complete),\"raw\":\(score.raw.map(String.init) ?? "null"),"
                        + "\"score\":\(score.score.map(String.init) ?? "null"),\"flags\":[\(flags)]}")
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }
}
