import Foundation
import SporInstruments
import SporReports

/// The correction form of a stored response (`Templates/correction.mustache`): the questionnaire filled in as
/// stored (or as just posted, with its errors), its date and a reason.
struct CorrectionView {
    let heading: ResponseHeading
    let hasErrors: Bool
    let errorLinks: [ErrorLink]
    let responseID: String
    let date: TextFieldView
    let questionnaire: QuestionnaireView
    let reason: TextFieldView

    init(_ form: ResponseForm, stored: StoredResponse, _ language: Language) {
        heading = ResponseHeading(stored, form.definition, language)
        hasErrors = !form.errors.isEmpty
        errorLinks = form.errorLinks(language)
        responseID = stored.response.id.uuidString.lowercased()
        date = form.dateField(language)
        questionnaire = form.questionnaire(language)
        reason = form.reasonField(language)
    }
}
