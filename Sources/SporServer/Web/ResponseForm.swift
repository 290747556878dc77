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
        .array(definition.items.indices.map { index in
            form.nonEmpty("item\(index + 1)").map { text in Int(text).map(JSONValue.integer) ?? .string(text) } ?? .null
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

    /// The errors beside a field, with the id that its control's `aria-describedby` names.
    private func errorLines(_ fields: [String], id: String, _ language: Language) -> HTML {
        let found = fields.flatMap(errors(for:))
        guard !found.isEmpty else { return .empty }
        return .tag("p", [("class", "error"), ("id", id)], HTML(found.map { FieldErrorText.text($0, language) }.joined(separator: " ")))
    }

    /// A box at the top listing every error with a link to its field.
    func summary(_ language: Language) -> HTML {
        guard !errors.isEmpty else { return .empty }
        return .tag("div", [("class", "summary-errors"), ("role", "alert")],
            .tag("h2", [], HTML(language("Ret venligst følgende", "Please correct the following"))),
            .tag("ul", [], children: errors.map { error in
                let label = label(of: error.field, language)
                return .tag("li", [], .tag("a", [("href", "#\(anchor(error.field))")],
                    HTML("\(label): \(FieldErrorText.text(error, language))")))
            }))
    }

    private func label(of field: String, _ language: Language) -> String {
        if field.hasPrefix("answers["), let index = Int(field.dropFirst(8).prefix { $0.isNumber }) {
            return language("Spørgsmål \(index + 1)", "Question \(index + 1)")
        }
        switch field {
        case "citizen", "cpr": return language("Borger", "Citizen")
        case "administeredAt": return language("Dato", "Date")
        case "unit": return language("Enhed", "Unit")
        case "reason": return language("Begrundelse", "Reason")
        default: return field
        }
    }

    /// Citizen, date, unit and mode.
    /// - Parameter units: the staff member's units to choose from; `nil` for an admin, who types one.
    func detailFields(_ language: Language, units: [Label]?) -> HTML {
        let citizenInvalid = !errors(for: "citizen").isEmpty || !errors(for: "cpr").isEmpty
        var unitField: HTML
        if let units, units.count == 1 {
            unitField = HTML([
                .tag("p", [], HTML(language("Enhed", "Unit") + ": "), .tag("strong", [], HTML(units[0].rawValue))),
                .tag("input", [("type", "hidden"), ("name", "unit"), ("value", units[0].rawValue)]),
            ])
        } else if let units {
            unitField = .tag("div", [("class", "field")],
                .tag("label", [("for", "unit")], HTML(language("Enhed", "Unit"))),
                .tag("select", [("id", "unit"), ("name", "unit")], children: units.map { unit in
                    .tag("option", [("value", unit.rawValue), ("selected", unit.rawValue == self.unit ? "selected" : nil)],
                         HTML(unit.rawValue))
                }))
        } else {
            unitField = textField("unit", label: language("Enhed (valgfri)", "Unit (optional)"), value: unit, language)
        }
        unitField = HTML([unitField, errorLines(["unit"], id: "unit-error", language)])
        return HTML([
            .tag("fieldset", [("class", citizenInvalid ? "invalid" : nil), ("aria-describedby", citizenInvalid ? "citizen-error" : nil)],
                .tag("legend", [], HTML(language("Borger", "Citizen"))),
                .tag("p", [("class", "hint")], HTML(language(
                    "Giv borgerens pseudonyme id eller CPR-nummer. CPR-nummeret gemmes ikke: det omsættes straks til et pseudonymt id og vises aldrig igen.",
                    "Give the citizen's pseudonymous id or CPR number. The CPR number is not stored: it becomes a pseudonymous id at once and is never shown again."))),
                errorLines(["citizen", "cpr"], id: "citizen-error", language),
                textField("citizen", label: language("Pseudonymt id", "Pseudonymous id"), value: citizen, language, errorsHere: false),
                .tag("div", [("class", "field")],
                    .tag("label", [("for", "cpr")], HTML(language("eller CPR-nummer", "or CPR number"))),
                    .tag("input", [("type", "text"), ("id", "cpr"), ("name", "cpr"), ("autocomplete", "off"),
                                   ("inputmode", "numeric"), ("spellcheck", "false")]))),
            .tag("div", [("class", errors(for: "administeredAt").isEmpty ? "field" : "field invalid")],
                .tag("label", [("for", "administeredAt")], HTML(language("Dato for besvarelsen", "Date answered"))),
                errorLines(["administeredAt"], id: "administeredAt-error", language),
                .tag("input", [("type", "date"), ("id", "administeredAt"), ("name", "administeredAt"), ("value", date),
                               ("aria-describedby", errors(for: "administeredAt").isEmpty ? nil : "administeredAt-error")])),
            unitField,
            .tag("div", [("class", "field")],
                .tag("label", [("for", "mode")], HTML(language("Hvordan blev der svaret?", "How were the answers given?"))),
                .tag("select", [("id", "mode"), ("name", "mode")], children: AdministrationMode.allCases.map { mode in
                    .tag("option", [("value", mode.rawValue), ("selected", mode.rawValue == self.mode ? "selected" : nil)],
                         HTML(Self.modeName(mode, language)))
                })),
        ])
    }

    /// The instrument's stem and its questions, each a fieldset with the item's own wording as legend and every
    /// response option as a large radio button.
    func questions(_ language: Language) -> HTML {
        HTML([
            .tag("h2", [("id", "questions")], HTML(definition.name.text(language.rawValue))),
            .tag("p", [], HTML(definition.stem.text(language.rawValue))),
            HTML(definition.items.enumerated().map { index, item in
                let field = "answers[\(index)]"
                let invalid = !errors(for: field).isEmpty
                return .tag("fieldset", [("class", invalid ? "question invalid" : "question"),
                                         ("aria-describedby", invalid ? "item\(index + 1)-error" : nil)],
                    .tag("legend", [], HTML("\(index + 1). \(item.text.text(language.rawValue))")),
                    errorLines([field], id: "item\(index + 1)-error", language),
                    .tag("div", [("class", "choices")], children: definition.options.map { option in
                        let id = "item\(index + 1)-\(option.value)"
                        return .tag("label", [("class", "choice"), ("for", id)],
                            .tag("input", [("type", "radio"), ("id", id), ("name", "item\(index + 1)"), ("value", "\(option.value)"),
                                           ("checked", answers[index] == option.value ? "checked" : nil)]),
                            .tag("span", [], HTML(option.label.text(language.rawValue))))
                    }))
            }),
        ])
    }

    /// The reason field of a correction or retraction.
    func reasonField(_ language: Language) -> HTML {
        textField("reason", label: language("Begrundelse", "Reason"), value: reason, language)
    }

    /// A labelled text input with its errors, unless they are shown elsewhere (the citizen's, above both fields).
    private func textField(_ name: String, label: String, value: String, _ language: Language, errorsHere: Bool = true) -> HTML {
        let invalid = errorsHere && !errors(for: name).isEmpty
        return .tag("div", [("class", invalid ? "field invalid" : "field")],
            .tag("label", [("for", name)], HTML(label)),
            errorsHere ? errorLines([name], id: "\(name)-error", language) : .empty,
            .tag("input", [("type", "text"), ("id", name), ("name", name), ("value", value), ("autocomplete", "off"),
                           ("aria-describedby", invalid ? "\(name)-error" : nil), ("aria-invalid", invalid ? "true" : nil)]))
    }

    static func modeName(_ mode: AdministrationMode, _ language: Language) -> String {
        switch mode {
        case .self: language("Borgeren udfyldte selv", "The citizen filled it in")
        case .withStaff: language("Sammen med medarbejder", "Together with staff")
        case .paper: language("Overført fra papir", "Transcribed from paper")
        }
    }
}
