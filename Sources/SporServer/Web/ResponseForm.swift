import Foundation
import SporInstruments

/// The questionnaire form of the new-response and correction pages: what the user gave so far and the errors
/// beside the fields. A CPR number is never part of it, so it is never shown again.
struct ResponseForm {
    var definition: InstrumentDefinition
    /// The idempotency key: submitting the same form twice stores the response once.
    var id: UUID
    var citizen = ""
    var date: String
    var unit = ""
    var mode = AdministrationMode.withStaff.rawValue
    var answers: [Int?]
    var reason = ""
    var errors: [FieldError] = []

    init(definition: InstrumentDefinition, id: UUID = UUID(), date: CalendarDate) {
        self.definition = definition
        self.id = id
        self.date = date.description
        answers = Array(repeating: nil, count: definition.items.count)
    }

    /// A citizen id as typed, to show again in a form with errors, when it is a valid id: an invalid one may be a
    /// CPR number typed into the wrong field, which is never shown again.
    static func keepable(_ text: String?) -> String {
        text.flatMap(CitizenID.init(rawValue:))?.rawValue ?? ""
    }

    /// A text as typed, to show again in a form with errors, unless it holds a CPR number: that is never shown again.
    static func shown(_ text: String?) -> String {
        text.map { CPRDetector.finds(in: $0) ? "" : $0 } ?? ""
    }

    /// The answers of a posted form as the validator takes them: `itemN` as an integer when it reads as one, else
    /// as the text given (so a value out of range or not a number is an error, never an unanswered item), and
    /// `null` when it is missing (the form's own rule then asks for it).
    static func answerValues(_ form: FormBody, definition: InstrumentDefinition) -> JSONValue {
        .array(
            definition.items.indices.map { index in
                form.nonEmpty("item\(index + 1)").map { text in Int(text).map(JSONValue.integer) ?? .string(text) }
                    ?? .null
            })
    }

    /// The answers given in a posted form, to show again: each `itemN` that is an allowed value, else `nil`.
    static func answers(_ form: FormBody, definition: InstrumentDefinition) -> [Int?] {
        definition.items.indices.map { index in
            form["item\(index + 1)"].flatMap(Int.init).flatMap { value in
                definition.options.contains { $0.value == value } ? value : nil
            }
        }
    }

    /// The id of the control an error's field points to, for the links of the error summary.
    private func anchor(_ field: String) -> String {
        if field.hasPrefix("answers["), let index = Int(field.dropFirst(8).prefix { $0.isNumber }) {
            return "item\(index + 1)-\(definition.options.first?.value ?? 0)"
        }
        return ["citizen", "cpr", "administeredAt", "unit", "mode", "reason"].contains(field) ? field : "questions"
    }

    private func errors(for field: String) -> [FieldError] { errors.filter { $0.field == field } }

    /// The words of a field's errors, empty when it has none.
    private func errorTexts(_ fields: [String], _ language: Language) -> [String] {
        fields.flatMap(errors(for:)).map { FieldErrorText.text($0, language) }
    }

    /// The list of every error at the top of the form, each linking to its field.
    func errorLinks(_ language: Language) -> [ErrorLink] {
        errors.map {
            ErrorLink(
                anchor: anchor($0.field), text: "\(label(of: $0.field, language)): \(FieldErrorText.text($0, language))"
            )
        }
    }

    private func label(of field: String, _ language: Language) -> String {
        if field.hasPrefix("answers["), let index = Int(field.dropFirst(8).prefix { $0.isNumber }) {
            return language.text("questionNumber", ["number": "\(index + 1)"])
        }
        switch field {
        case "citizen", "cpr": return language.text("citizen")
        case "administeredAt": return language.text("date")
        case "unit": return language.text("unit")
        case "reason": return language.text("reason")
        default: return field
        }
    }

    /// Citizen, date, unit and mode.
    /// - Parameter units: the staff member's units to choose from; `nil` for an admin, who types one.
    func details(_ language: Language, units: [Label]?) -> ResponseDetailsView {
        let citizenErrors = errorTexts(["citizen", "cpr"], language)
        let unitErrors = errorTexts(["unit"], language)
        return ResponseDetailsView(
            citizen: citizen, citizenInvalid: !citizenErrors.isEmpty,
            citizenError: citizenErrors.joined(separator: " "),
            date: dateField(language),
            unit: units?.count == 1 ? units![0].rawValue : unit, oneUnit: units?.count == 1,
            chooseUnit: (units?.count ?? 0) > 1,
            unitChoices: (units ?? []).map {
                .init(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == unit)
            },
            typeUnit: units == nil, unitInvalid: !unitErrors.isEmpty, unitError: unitErrors.joined(separator: " "),
            mode: SelectView(
                "mode", label: language.text("howAnswered"),
                AdministrationMode.allCases.map { ($0.rawValue, Self.modeName($0, language)) }, chosen: mode))
    }

    /// The date the questionnaire was answered.
    func dateField(_ language: Language) -> TextFieldView {
        TextFieldView(
            "administeredAt", label: language.text("dateAnswered"), value: date, type: "date",
            errors: errorTexts(["administeredAt"], language))
    }

    /// The instrument's stem and its questions in the words of its definition, with the answers given so far.
    func questionnaire(_ language: Language) -> QuestionnaireView {
        QuestionnaireView(
            instrumentName: language.text(definition.name), stem: language.text(definition.stem),
            questions: definition.items.enumerated().map { index, item in
                let errors = errorTexts(["answers[\(index)]"], language)
                return .init(
                    name: "item\(index + 1)", legend: "\(index + 1). \(language.text(item.text))",
                    invalid: !errors.isEmpty,
                    error: errors.joined(separator: " "),
                    choices: definition.options.map { option in
                        .init(
                            id: "item\(index + 1)-\(option.value)", value: option.value,
                            label: language.text(option.label),
                            checked: answers[index] == option.value)
                    })
            })
    }

    /// The reason field of a correction or retraction.
    func reasonField(_ language: Language) -> TextFieldView {
        TextFieldView("reason", label: language.text("reason"), value: reason, errors: errorTexts(["reason"], language))
    }

    static func modeName(_ mode: AdministrationMode, _ language: Language) -> String {
        switch mode {
        case .self: language.text("modeSelf")
        case .withStaff: language.text("modeWithStaff")
        case .paper: language.text("modePaper")
        }
    }
}
