import Foundation
import SporInstruments

/// The JSON Lines form of `spor log dump`.
extension LogEntry {
    /// One JSON object on one line: `type`, `sequence`, `hash`, `recordedAtMillis`, `author` (an object, see
    /// ``Author/write(to:)``) and the event's fields, with absent optional fields left out.
    public func jsonLine(hash: String) -> String {
        var members: [(String, String)] = [
            ("type", JSONWriter.quoted(event.typeName)), ("sequence", String(sequence)),
            ("hash", JSONWriter.quoted(hash)),
            ("recordedAtMillis", String(recordedAtMillis)), ("author", author.json),
            ("id", JSONWriter.quoted(event.responseID.uuidString.lowercased())),
        ]
        switch event {
        case .responseRecorded(let response, let version), .responseCorrected(let response, let version, _):
            members.append(("citizen", JSONWriter.quoted(response.citizen.rawValue)))
            members.append(("instrument", JSONWriter.quoted(response.instrument.rawValue)))
            members.append(("administeredAt", JSONWriter.quoted(response.administeredAt.description)))
            members.append(
                ("answers", "[" + response.answers.map { $0.map(String.init) ?? "null" }.joined(separator: ",") + "]"))
            if let unit = response.unit { members.append(("unit", JSONWriter.quoted(unit.rawValue))) }
            if let intervention = response.intervention {
                members.append(("intervention", JSONWriter.quoted(intervention.rawValue)))
            }
            if let mode = response.mode { members.append(("mode", JSONWriter.quoted(mode.rawValue))) }
            members.append(("definitionVersion", JSONWriter.quoted(version)))
            if case .responseCorrected(_, _, let reason) = event {
                members.append(("reason", JSONWriter.quoted(reason)))
            }
        case .responseRetracted(_, let reason):
            members.append(("reason", JSONWriter.quoted(reason)))
        }
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
