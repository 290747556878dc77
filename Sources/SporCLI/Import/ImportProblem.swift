import SporInstruments

/// One broken rule in one line of an import file: the line, the field and the rule, never the value.
struct ImportProblem {
    var line: Int
    var field: String
    var rule: String
    var message: String

    init(line: Int, field: String, rule: String, message: String) {
        self.line = line
        self.field = field
        self.rule = rule
        self.message = message
    }

    init(line: Int, _ error: FieldError) {
        self.init(line: line, field: error.field, rule: error.rule.rawValue, message: error.message)
    }

    var description: String { "line \(line): \(field): \(message) (\(rule))" }
}
