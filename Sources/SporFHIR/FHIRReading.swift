public import SporInstruments

/// A QuestionnaireResponse read by ``FHIRResponseReader``: the response's fields for validation, the errors of
/// FHIR's shape, and where each field came from, so the validator's errors point at the elements sent.
public struct FHIRReading: Sendable {
    /// The fields of the response, as `POST /v1/responses` would have them.
    public var raw = RawResponse()
    /// What the document breaks before validation, each at its element's FHIRPath.
    public var errors: [FieldError] = []
    /// The instrument the `questionnaire` names, once known.
    var form: FHIRInstrument?
    /// Per item index, the path of its answer (or of the item when it has none).
    var answerPaths: [Int: String] = [:]
    /// The paths of the extensions a field came from (`unit`, `intervention`, `mode`).
    var fieldPaths: [String: String] = [:]
    /// Paths of texts handed on to validation, which applies the CPR rule to them itself.
    var consumed: Set<String> = []

    /// Every error: those of FHIR's shape, then the validator's moved onto their elements (skipping one for an
    /// element that already has an error, or whose parent has: a missing `subject` is one error, not two).
    public func allErrors(with validation: [FieldError]) -> [FieldError] {
        var all = errors
        for error in validation.map(translate)
        where !errors.contains(where: { error.field == $0.field || error.field.hasPrefix($0.field + ".") }) {
            all.append(error)
        }
        return all
    }

    /// A validator error about a field of the response, moved onto the element it came from, its message naming
    /// that element.
    func translate(_ error: FieldError) -> FieldError {
        let root = "QuestionnaireResponse"
        let (path, name): (String, String)
        switch error.field {
        case "$": (path, name) = (root, root)
        case "id": (path, name) = ("\(root).identifier.value", "identifier.value")
        case "citizen", "cpr": (path, name) = ("\(root).subject.identifier.value", "subject.identifier.value")
        case "instrument": (path, name) = ("\(root).questionnaire", "questionnaire")
        case "administeredAt": (path, name) = ("\(root).authored", "authored")
        case "answers": (path, name) = ("\(root).item", "item")
        case "unit", "intervention", "mode":
            (path, name) = (fieldPaths[error.field] ?? "\(root).extension", "the \(error.field) extension")
        default:
            if error.field.hasPrefix("answers["), let index = Int(error.field.dropFirst(8).dropLast()), let form,
                form.linkIDs.indices.contains(index)
            {
                let linkID = form.linkIDs[index]
                (path, name) = (
                    answerPaths[index] ?? "\(root).item.where(linkId='\(linkID)')", "item \(linkID)'s answer"
                )
            } else {
                (path, name) = (root, error.field)
            }
        }
        let message =
            error.message.hasPrefix(error.field) ? name + error.message.dropFirst(error.field.count) : error.message
        return FieldError(field: path, rule: error.rule, message: message)
    }
}
