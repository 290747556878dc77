import SporInstruments

/// A field error in the words of a form, in the page's language. Like the API's messages it names the field and
/// the rule, never the value.
enum FieldErrorText {
    static func text(_ error: FieldError, _ language: Language) -> String {
        language.text(key(error))
    }

    /// The key of the error's words in ``Strings``.
    private static func key(_ error: FieldError) -> String {
        let answer = error.field.hasPrefix("answers[")
        switch (error.field, error.rule) {
        case (_, .required) where answer: return "errorChooseAnswer"
        case (_, .range) where answer, (_, .type) where answer, (_, .integer) where answer:
            return "errorChooseOneAnswer"
        case ("citizen", .required): return "errorCitizenRequired"
        case ("cpr", .exclusive): return "errorIDOrCPR"
        case ("citizen", .format) where error.message.contains("cpr"), ("citizen", .cpr): return "errorCPRInIDField"
        case ("citizen", _): return "errorIDFormat"
        case ("cpr", .date): return "errorCPRDate"
        case ("cpr", _): return "errorCPRFormat"
        case (_, .cpr): return "errorNoCPR"
        case (_, .future): return "errorFuture"
        case (_, .tooEarly): return "errorTooEarly"
        case ("administeredAt", _), ("since", _), ("from", _), ("to", _): return "errorDateFormat"
        case ("unit", _): return "errorUnit"
        case ("reason", .required): return "errorReasonRequired"
        case ("reason", _): return "errorReason"
        default: return "errorInvalid"
        }
    }
}
