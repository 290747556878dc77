public import SporInstruments

/// Errors as a FHIR OperationOutcome: one issue per broken rule, with the FHIRPath of the element, the rule as a
/// Spor code and a message that names the element and the rule, never the value sent.
public enum FHIROperationOutcome {
    /// One issue per field error; `field` is the element's FHIRPath expression.
    public static func make(_ errors: [FieldError]) -> JSONValue {
        outcome(
            errors.map { error in
                .fields([
                    "severity": .string("error"),
                    "code": .string(issueType(error.rule)),
                    "details": .fields([
                        "coding": .array([
                            .fields(["system": .string(FHIRSystem.ruleCodes), "code": .string(error.rule.rawValue)])
                        ]),
                        "text": .string(error.message),
                    ]),
                    "diagnostics": .string(error.message),
                    "expression": .array([.string(error.field)]),
                ])
            })
    }

    /// One issue of a FHIR issue type (`forbidden`, `not-found`, `login`, …) with a message.
    public static func make(issueType: String, message: String) -> JSONValue {
        outcome([.fields(["severity": .string("error"), "code": .string(issueType), "diagnostics": .string(message)])])
    }

    private static func outcome(_ issues: [JSONValue]) -> JSONValue {
        .fields(["resourceType": .string("OperationOutcome"), "issue": .array(issues)])
    }

    /// The FHIR issue type of a broken rule.
    static func issueType(_ rule: FieldError.Rule) -> String {
        switch rule {
        case .json, .unknownField, .duplicateField: "structure"
        case .required: "required"
        case .exclusive: "invariant"
        case .unknownInstrument: "not-found"
        case .cpr: "security"
        case .type, .integer, .range, .count, .format, .future, .tooEarly, .date: "value"
        }
    }
}
