/// The form to find a citizen by pseudonymous id or CPR number (`Templates/find-citizen.mustache`). The CPR
/// number is only sent in the form's body and never shown again.
struct FindCitizenView {
    let invalid: Bool
    let error: String
    /// The pseudonymous id as typed, when it is a valid one.
    let citizen: String

    init(errors: [String], citizen: String) {
        invalid = !errors.isEmpty
        error = errors.joined(separator: " ")
        self.citizen = citizen
    }
}
