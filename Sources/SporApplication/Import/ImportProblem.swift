import SporInstruments

/// One broken rule in one line of an import file: the line, the field and the rule, never the value.
public struct ImportProblem: Hashable, Sendable {
    public var line: Int
    public var field: String
    public var rule: String
    public var message: String

    init(line: Int, field: String, rule: String, message: String) {
        self.line = line
        self.field = field
        self.rule = rule
        self.message = message
    }

    init(line: Int, _ error: FieldError) {
        self.init(line: line, field: error.field, rule: error.rule.rawValue, message: error.message)
    }

    public var description: String { "line \(line): \(field): \(message) (\(rule))" }
}
