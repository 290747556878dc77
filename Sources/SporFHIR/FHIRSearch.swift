public import SporInstruments

/// The search parameters of `GET /fhir/QuestionnaireResponse`:
///
/// | parameter | meaning |
/// | --- | --- |
/// | `subject:identifier=[system|]ID` | one citizen; the system, if given, must be the deployment's citizen system |
/// | `citizen=ID` | the same, Spor's shorthand |
/// | `_lastUpdated=geYYYY-MM-DD` | responses recorded, corrected or retracted on or after the date (Danish time) |
///
/// Any other parameter is refused rather than ignored, so a filter that was mistyped never returns more than
/// asked for. A CPR number is refused in every parameter (resolve it first; it would sit in URLs and logs).
public struct FHIRSearch: Hashable, Sendable {
    public var citizen: CitizenID?
    public var changedSince: CalendarDate?

    /// The parameters a search takes.
    static let names: Set<String> = ["subject:identifier", "citizen", "_lastUpdated"]

    /// Reads the parameters; every broken rule is reported at once, each naming the parameter and never its value.
    public init(parameters: [(name: String, value: String)], settings: FHIRSettings) throws(ValidationFailure) {
        var errors: [FieldError] = []
        var seen = Set<String>()
        for (name, value) in parameters {
            // An unknown name is never repeated back: it may be anything, a CPR number included.
            guard Self.names.contains(name) else {
                if seen.insert("$").inserted {
                    errors.append(
                        FieldError(
                            field: "$", rule: .unknownField,
                            message:
                                "a search parameter is not supported; use subject:identifier, citizen or _lastUpdated")
                    )
                }
                continue
            }
            let key = name == "citizen" ? "subject:identifier" : name
            guard seen.insert(key).inserted else {
                errors.append(
                    FieldError(field: name, rule: .duplicateField, message: "\(name) is given more than once"))
                continue
            }
            if CPRDetector.finds(in: value) {
                errors.append(
                    FieldError(
                        field: name, rule: .cpr,
                        message: "\(name) must not contain a CPR number; resolve it first (POST /v1/citizens/resolve)"))
                continue
            }
            switch name {
            case "subject:identifier", "citizen":
                var text = Substring(value)
                if name == "subject:identifier", let bar = text.firstIndex(of: "|") {
                    guard text[..<bar] == settings.citizenSystem || text[..<bar].isEmpty else {
                        errors.append(
                            FieldError(
                                field: name, rule: .format,
                                message: "\(name)'s system must be \(settings.citizenSystem)"))
                        continue
                    }
                    text = text[text.index(after: bar)...]
                }
                guard let citizen = CitizenID(rawValue: String(text)) else {
                    errors.append(
                        FieldError(field: name, rule: .format, message: "\(name) must be a pseudonymous citizen id"))
                    continue
                }
                self.citizen = citizen
            case "_lastUpdated":
                guard value.hasPrefix("ge"), let date = CalendarDate(iso8601: String(value.dropFirst(2))) else {
                    errors.append(FieldError(field: name, rule: .format, message: "_lastUpdated must be geYYYY-MM-DD"))
                    continue
                }
                changedSince = date
            default:
                continue
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
