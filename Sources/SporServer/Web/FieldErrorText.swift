import SporInstruments

/// A field error in the words of a form, in the page's language. Like the API's messages it names the field and
/// the rule, never the value.
enum FieldErrorText {
    static func text(_ error: FieldError, _ language: Language) -> String {
        let answer = error.field.hasPrefix("answers[")
        switch (error.field, error.rule) {
        case (_, .required) where answer: return language("Vælg et svar.", "Choose an answer.")
        case (_, .range) where answer, (_, .type) where answer, (_, .integer) where answer:
            return language("Vælg et af svarene.", "Choose one of the answers.")
        case ("citizen", .required):
            return language("Giv borgerens pseudonyme id eller CPR-nummer.", "Give the citizen's pseudonymous id or CPR number.")
        case ("cpr", .exclusive):
            return language("Giv enten et id eller et CPR-nummer, ikke begge.", "Give an id or a CPR number, not both.")
        case ("citizen", .format) where error.message.contains("cpr"), ("citizen", .cpr):
            return language("Det ligner et CPR-nummer: skriv det i feltet CPR-nummer.",
                            "That looks like a CPR number: give it in the CPR number field.")
        case ("citizen", _):
            return language("Et id er 1–64 tegn af A–Z a–z 0–9 . _ -", "An id is 1–64 characters of A–Z a–z 0–9 . _ -")
        case ("cpr", .date):
            return language("CPR-nummeret skal begynde med en gyldig fødselsdato (DDMMÅÅ).",
                            "The CPR number must begin with a real birth date (DDMMYY).")
        case ("cpr", _):
            return language("CPR-nummeret skal skrives DDMMÅÅ-SSSS eller DDMMÅÅSSSS.",
                            "Write the CPR number as DDMMYY-SSSS or DDMMYYSSSS.")
        case (_, .cpr):
            return language("Feltet må ikke indeholde et CPR-nummer.", "The field must not contain a CPR number.")
        case (_, .future): return language("Datoen må ikke ligge efter i dag.", "The date must not be after today.")
        case (_, .tooEarly): return language("Datoen må ikke ligge før 1998.", "The date must not be before 1998.")
        case ("administeredAt", _), ("since", _), ("from", _), ("to", _):
            return language("Skriv datoen som ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD.")
        case ("unit", _): return language("Vælg en af dine enheder.", "Choose one of your units.")
        case ("reason", .required): return language("Skriv en kort begrundelse.", "Write a short reason.")
        case ("reason", _):
            return language("Begrundelsen må højst være 1000 tegn og må ikke indeholde et CPR-nummer.",
                            "The reason must be at most 1000 characters and must not contain a CPR number.")
        default: return language("Ugyldig værdi.", "Invalid value.")
        }
    }
}
