import Foundation
import SporInstruments

/// The new-response page (`Templates/new-response.mustache`): a tab per instrument, the errors at the top, and
/// the form: the response's id (the idempotency key), the citizen, date, unit and mode, and the questions.
struct NewResponseView {
    let tabs: [LayoutView.Link]
    let hasErrors: Bool
    let errorLinks: [ErrorLink]
    let responseID: String
    let instrument: String
    let details: ResponseDetailsView
    let questionnaire: QuestionnaireView

    /// - Parameter units: the staff member's units to choose from; `nil` for an admin, who types one.
    init(_ form: ResponseForm, units: [Label]?, language: Language, catalog: InstrumentCatalog = .builtIn) {
        tabs = catalog.definitions.map { definition in
            .init(
                href: "/responses/new?instrument=\(definition.id.rawValue)", text: language.text(definition.name),
                current: definition.id == form.definition.id)
        }
        hasErrors = !form.errors.isEmpty
        errorLinks = form.errorLinks(language)
        responseID = form.id.uuidString.lowercased()
        instrument = form.definition.id.rawValue
        details = form.details(language, units: units)
        questionnaire = form.questionnaire(language)
    }
}
