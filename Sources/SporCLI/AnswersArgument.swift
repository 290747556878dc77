import Foundation
import SporInstruments

/// `--answers "3,4,,3,1"`: comma-separated integers, empty for an unanswered item.
enum AnswersArgument {
    static func parse(_ text: String) -> JSONValue {
        .array(
            text.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return .null }
                if let value = Int(trimmed) { return .integer(value) }
                return .string(trimmed)
            })
    }
}
