/// The sign-in form (`Templates/sign-in.mustache`): the token field, a note when the session expired, and the
/// error when the token was wrong. The form carries its own CSRF token, matched against a short-lived cookie.
struct SignInView {
    let expired: Bool
    let wrongToken: Bool
    let intro: String
    /// The sign-in form's CSRF token.
    let formToken: String

    init(expired: Bool, wrongToken: Bool, sessionHours: Int64, formToken: String, _ language: Language) {
        self.expired = expired
        self.wrongToken = wrongToken
        intro = language.text("signInIntro", ["hours": "\(sessionHours)"])
        self.formToken = formToken
    }
}
