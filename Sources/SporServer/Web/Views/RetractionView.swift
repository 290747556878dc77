import Foundation
import SporInstruments
import SporReports

/// The retraction form of a stored response (`Templates/retraction.mustache`): a reason, and what retracting does.
struct RetractionView {
    let heading: ResponseHeading
    let responseID: String
    let reason: TextFieldView

    init(_ form: ResponseForm, stored: StoredResponse, _ language: Language) {
        heading = ResponseHeading(stored, form.definition, language)
        responseID = stored.response.id.uuidString.lowercased()
        reason = form.reasonField(language)
    }
}
