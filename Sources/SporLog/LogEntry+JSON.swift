import Foundation
import SporInstruments

/// The JSON Lines form of `spor log dump`.
extension LogEntry {
    /// One JSON object on one line: `type`, `sequence`, `hash`, `recordedAtMillis` and the event's fields, with
    /// absent optional fields left out.
    public func jsonLine(hash: String) -> String {
        var members: [(String, String)] = [
            ("type", Self.quoted(event.typeName)), ("sequence", String(sequence)), ("hash", Self.quoted(hash)),
            ("recordedAtMillis", String(recordedAtMillis)), ("id", Self.quoted(event.responseID.uuidString.lowercased())),
        ]
        switch event {
        case .responseRecorded(let response, let version), .responseCorrected(let response, let version, _):
            members.append(("citizen", Self.quoted(response.citizen.rawValue)))
            members.append(("instrument", Self.quoted(response.instrument.rawValue)))
            members.append(("administeredAt", Self.quoted(response.administeredAt.description)))
            members.append(("answers", "[" + response.answers.map { $0.map(String.init) ?? "null" }.joined(separator: ",") + "]"))
            if let unit = response.unit { members.append(("unit", Self.quoted(unit.rawValue))) }
            if let intervention = response.intervention { members.append(("intervention", Self.quoted(intervention.rawValue))) }
            if let mode = response.mode { members.append(("mode", Self.quoted(mode.rawValue))) }
            members.append(("definitionVersion", Self.quoted(version)))
            if case .responseCorrected(_, _, let reason) = event { members.append(("reason", Self.quoted(reason))) }
        case .responseRetracted(_, let reason):
            members.append(("reason", Self.quoted(reason)))
        }
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
