/// An instrument's questions on a form (`Templates/questions.mustache`): its name and stem, then each item as a
/// fieldset with the item's own wording as legend and every answer option as a large radio button, in the
/// words of the instrument's definition.
struct QuestionnaireView {
    /// One question.
    struct Question {
        /// `item1`, the radio group's name.
        let name: String
        /// `1. <the item's text>`.
        let legend: String
        let invalid: Bool
        let error: String
        let choices: [Choice]
    }

    /// One answer option of a question.
    struct Choice {
        /// `item1-3`, the radio button's id.
        let id: String
        let value: Int
        let label: String
        let checked: Bool
    }

    let instrumentName: String
    let stem: String
    let questions: [Question]
}

/// A link from the error summary at the top of a form to the field in error.
struct ErrorLink {
    /// The id of the field's control.
    let anchor: String
    /// `Spørgsmål 3: Vælg et svar.`
    let text: String
}
