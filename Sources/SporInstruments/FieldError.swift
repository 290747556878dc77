/// One violated rule of one field, as `{"field": "answers[2]", "rule": "range", "message": "…"}`.
///
/// Messages name the field and the rule, never the offending value: values may be answers or a CPR number.
public struct FieldError: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rules a field can break.
    public enum Rule: String, Hashable, Sendable, Codable {
        /// The document is not valid JSON (or a CSV line is malformed).
        case json
        /// A required field is missing.
        case required
        /// The value has the wrong JSON type (such as a string for a number).
        case type
        /// A number that must be whole has a fraction.
        case integer
        /// A number outside its allowed range.
        case range
        /// A list with the wrong number of entries.
        case count
        /// A field the contract does not know.
        case unknownField
        /// A field given twice.
        case duplicateField
        /// A text that does not have the required form.
        case format
        /// A date after today.
        case future
        /// A date before 1998.
        case tooEarly
        /// Two fields that exclude each other, or neither of two that are needed.
        case exclusive
        /// An instrument id the catalog does not know.
        case unknownInstrument
        /// A CPR number whose digits are not a real date.
        case date
        /// A text that holds a CPR number (``CPRDetector``), anywhere but the `cpr` field.
        case cpr
    }

    /// The field, as a path: `answers[2]`, `citizen`.
    public var field: String
    public var rule: Rule
    /// A readable sentence naming the field and the rule.
    public var message: String

    public init(field: String, rule: Rule, message: String) {
        self.field = field
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(field): \(message) (\(rule.rawValue))" }
}
