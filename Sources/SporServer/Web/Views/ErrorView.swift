import HTTPTypes

/// The page of an error (`Templates/error.mustache`): its status and what it means, never the request's path or
/// query.
struct ErrorView {
    let title: String
    let message: String

    init(_ status: HTTPResponse.Status, _ language: Language) {
        title = "\(status.code) \(status.reasonPhrase)"
        message =
            switch status {
            case .forbidden: language.text("errorForbidden")
            case .notFound: language.text("errorNotFound")
            case .conflict: language.text("errorConflict")
            case .contentTooLarge: language.text("errorTooLarge")
            default: language.text("errorOther")
            }
    }
}
