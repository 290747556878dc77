import Foundation
import SporInstruments
import SporReports

/// Prints a stored response with its score, as a table or as `{"status": …, "response": {…}}` with the one
/// scored-response shape the API answers with.
enum ResponsePrinter {
    static func render(_ stored: StoredResponse, status: String, format: OutputFormat) -> String {
        let response = stored.response
        guard let scored = ScoredResponse(response, definitionVersion: stored.definitionVersion) else { return status }
        switch format {
        case .json:
            return (try? JSONOutput.string(Item(status: status, response: scored))) ?? "{}"
        default:
            let score = scored.score
            var rows: [(String, String)] = [
                ("status", status), ("id", response.id.uuidString.lowercased()), ("citizen", response.citizen.rawValue),
                ("instrument", "\(response.instrument.rawValue) (definition \(stored.definitionVersion))"),
                ("administeredAt", response.administeredAt.description),
                ("answers", response.answers.map { $0.map(String.init) ?? "" }.joined(separator: ",")),
                ("score", score.score.map { "\($0) (raw \(score.raw ?? 0))" } ?? "none (incomplete)"),
                ("flags", score.flags.map(\.rawValue).joined(separator: ", ")),
            ]
            if let unit = response.unit { rows.append(("unit", unit.rawValue)) }
            if let intervention = response.intervention { rows.append(("intervention", intervention.rawValue)) }
            if let mode = response.mode { rows.append(("mode", mode.rawValue)) }
            return rows.map { $0.0.padding(toLength: 15, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
        }
    }

    private struct Item: Encodable {
        var status: String
        var response: ScoredResponse
    }
}
