/// The citizen, date, unit and mode fields of the new-response form (`Templates/response-details.mustache`).
struct ResponseDetailsView {
    /// The pseudonymous id as typed; never a CPR number.
    let citizen: String
    let citizenInvalid: Bool
    let citizenError: String
    let date: TextFieldView
    /// The unit chosen or typed so far (a staff member of one unit: that unit).
    let unit: String
    /// A staff member of one unit: it is shown and sent.
    let oneUnit: Bool
    /// A staff member of several units chooses one of ``unitChoices``.
    let chooseUnit: Bool
    let unitChoices: [SelectView.Option]
    /// An admin, who may type any unit or none.
    let typeUnit: Bool
    let unitInvalid: Bool
    let unitError: String
    let mode: SelectView
}
