import Foundation

/// Checks a response against the data contract and its instrument, reporting every violation at once.
///
/// ```swift
/// let validator = ResponseValidator(today: .today())
/// let draft = try validator.validate(json: Array(#"{"citizen":"c-1","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}"#.utf8))
/// ```
public struct ResponseValidator: Sendable {
    public let catalog: InstrumentCatalog
    /// The latest allowed `administeredAt`.
    public let today: CalendarDate

    /// The earliest allowed `administeredAt`: WHO-5 in its current form dates from 1998.
    public static let earliestDate = CalendarDate(year: 1998, month: 1, day: 1)!

    public init(catalog: InstrumentCatalog = .builtIn, today: CalendarDate) {
        self.catalog = catalog
        self.today = today
    }

    /// Parses and validates one response JSON document.
    public func validate<Bytes: Collection<UInt8>>(json bytes: Bytes) throws(ValidationFailure) -> ResponseDraft {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw ValidationFailure([FieldError(field: "$", rule: .json, message: error.description)])
        }
        return try validate(RawResponse(json: value))
    }

    /// Validates the fields of one response.
    public func validate(_ raw: RawResponse) throws(ValidationFailure) -> ResponseDraft {
        if raw.notAnObject {
            throw ValidationFailure([FieldError(field: "$", rule: .type, message: "a response must be a JSON object")])
        }
        var errors: [FieldError] = []
        for position in raw.unknownFields {
            errors.append(
                FieldError(
                    field: "$", rule: .unknownField,
                    message: "member \(position) of the object is not a field of a response"))
        }
        for name in raw.duplicateFields {
            errors.append(FieldError(field: name, rule: .duplicateField, message: "\(name) is given more than once"))
        }

        var id: UUID?
        if let value = raw.id, value != .null {
            if case .string(let text) = value, let uuid = UUID(parsing: text) {
                id = uuid
            } else {
                errors.append(
                    FieldError(
                        field: "id", rule: .format,
                        message: "id must be a UUID such as 5b0c2f4e-7d1a-4c39-9a7e-0f7a3c1d2b11"))
            }
        }

        let citizen = validateCitizen(raw, into: &errors)

        var definition: InstrumentDefinition?
        switch raw.instrument {
        case nil, .null?:
            errors.append(FieldError(field: "instrument", rule: .required, message: "instrument is required"))
        case .string(let text)?:
            definition = catalog[InstrumentID(text)]
            if definition == nil {
                let known = catalog.definitions.map(\.id.rawValue).joined(separator: ", ")
                errors.append(
                    FieldError(
                        field: "instrument", rule: .unknownInstrument, message: "instrument must be one of: \(known)"))
            }
        case let value?:
            errors.append(
                FieldError(
                    field: "instrument", rule: .type, message: "instrument must be a string, not \(value.typeName)"))
        }

        let date = validateDate(raw.administeredAt, field: "administeredAt", into: &errors)
        let answers = validateAnswers(raw.answers, for: definition, field: "answers", into: &errors)
        let unit = validateLabel(raw.unit, field: "unit", into: &errors)
        let intervention = validateLabel(raw.intervention, field: "intervention", into: &errors)

        var mode: AdministrationMode?
        if let value = raw.mode, value != .null {
            if case .string(let text) = value, let parsed = AdministrationMode(rawValue: text) {
                mode = parsed
            } else {
                let known = AdministrationMode.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(FieldError(field: "mode", rule: .format, message: "mode must be one of: \(known)"))
            }
        }

        guard errors.isEmpty, let citizen, let definition, let date, let answers else {
            throw ValidationFailure(errors)
        }
        return ResponseDraft(
            id: id, citizen: citizen, instrument: definition.id, administeredAt: date, answers: answers,
            unit: unit, intervention: intervention, mode: mode)
    }

    /// Validates an answers list for an instrument: exactly one entry per item, each an integer in range or `null`.
    /// - Parameter definition: `nil` when the instrument is unknown; then only the types are checked.
    public func validateAnswers(
        _ value: JSONValue?, for definition: InstrumentDefinition?, field: String, into errors: inout [FieldError]
    ) -> [Int?]? {
        guard let value else {
            errors.append(FieldError(field: field, rule: .required, message: "\(field) is required"))
            return nil
        }
        guard case .array(let entries) = value else {
            errors.append(
                FieldError(field: field, rule: .type, message: "\(field) must be an array, not \(value.typeName)"))
            return nil
        }
        let before = errors.count
        if let definition, entries.count != definition.items.count {
            errors.append(
                FieldError(
                    field: field, rule: .count,
                    message:
                        "\(field) must have exactly \(definition.items.count) entries for \(definition.id), one per item"
                ))
        }
        let bounds = definition.map { $0.minValue...$0.maxValue }
        // The texts of an error, built only when there is one.
        func path(_ index: Int) -> String { "\(field)[\(index)]" }
        var range: String { bounds.map { "\($0.lowerBound) to \($0.upperBound)" } ?? "the item's range" }
        var answers: [Int?] = []
        answers.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let number: Int
            switch entry {
            case .null:
                answers.append(nil)
                continue
            case .integer(let value):
                number = value
            case .number(let value):
                guard value == value.rounded(), let whole = Int(exactly: value) else {
                    errors.append(
                        FieldError(
                            field: path(index), rule: .integer,
                            message: "\(path(index)) must be a whole number from \(range), or null"))
                    continue
                }
                number = whole
            default:
                errors.append(
                    FieldError(
                        field: path(index), rule: .type,
                        message: "\(path(index)) must be an integer from \(range) or null, not \(entry.typeName)"))
                continue
            }
            if let bounds, !bounds.contains(number) {
                errors.append(
                    FieldError(field: path(index), rule: .range, message: "\(path(index)) must be from \(range)"))
                continue
            }
            answers.append(number)
        }
        return errors.count == before ? answers : nil
    }

    /// Validates a date field: ISO 8601, not after ``today``, not before ``earliestDate``.
    public func validateDate(_ value: JSONValue?, field: String, into errors: inout [FieldError]) -> CalendarDate? {
        guard let value, value != .null else {
            errors.append(FieldError(field: field, rule: .required, message: "\(field) is required"))
            return nil
        }
        guard case .string(let text) = value else {
            errors.append(
                FieldError(field: field, rule: .type, message: "\(field) must be a string, not \(value.typeName)"))
            return nil
        }
        guard let date = CalendarDate(iso8601: text) else {
            errors.append(
                FieldError(
                    field: field, rule: .format,
                    message:
                        "\(field) must be an ISO 8601 date (YYYY-MM-DD) or date-time with offset, and a real calendar date"
                ))
            return nil
        }
        if date > today {
            errors.append(FieldError(field: field, rule: .future, message: "\(field) must not be in the future"))
            return nil
        }
        if date < Self.earliestDate {
            errors.append(
                FieldError(field: field, rule: .tooEarly, message: "\(field) must not be before \(Self.earliestDate)"))
            return nil
        }
        return date
    }

    private func validateLabel(_ value: JSONValue?, field: String, into errors: inout [FieldError]) -> Label? {
        guard let value, value != .null else { return nil }
        guard case .string(let text) = value else {
            errors.append(
                FieldError(field: field, rule: .type, message: "\(field) must be a string, not \(value.typeName)"))
            return nil
        }
        if let problem = Label.problem(with: text) {
            errors.append(Label.error(problem, field: field))
            return nil
        }
        return Label(rawValue: text)
    }

    private func validateCitizen(_ raw: RawResponse, into errors: inout [FieldError]) -> ResponseDraft.Citizen? {
        let citizen = raw.citizen == .null ? nil : raw.citizen
        let cpr = raw.cpr == .null ? nil : raw.cpr
        switch (citizen, cpr) {
        case (nil, nil):
            errors.append(
                FieldError(field: "citizen", rule: .required, message: "citizen (a pseudonymous id) or cpr is required")
            )
            return nil
        case (.some, .some):
            errors.append(FieldError(field: "cpr", rule: .exclusive, message: "give citizen or cpr, never both"))
            return nil
        case (let value?, nil):
            guard case .string(let text) = value else {
                errors.append(
                    FieldError(
                        field: "citizen", rule: .type, message: "citizen must be a string, not \(value.typeName)"))
                return nil
            }
            guard let id = CitizenID(rawValue: text) else {
                if Label.problem(with: text) == .cpr {
                    errors.append(
                        FieldError(
                            field: "citizen", rule: .cpr,
                            message: "citizen must not contain a CPR number; send a CPR number in the cpr field"))
                } else {
                    let message =
                        CPRNumber.shape(of: text) != nil
                        ? "citizen must be a pseudonymous id; send a CPR number in the cpr field"
                        : "citizen must be 1-64 of A-Z a-z 0-9 . _ -"
                    errors.append(FieldError(field: "citizen", rule: .format, message: message))
                }
                return nil
            }
            return .id(id)
        case (nil, let value?):
            guard case .string(let text) = value else {
                errors.append(
                    FieldError(field: "cpr", rule: .type, message: "cpr must be a string, not \(value.typeName)"))
                return nil
            }
            do {
                return .cpr(try CPRNumber(parsing: text))
            } catch {
                switch error {
                case .format:
                    errors.append(
                        FieldError(field: "cpr", rule: .format, message: "cpr must be DDMMYY-SSSS or DDMMYYSSSS"))
                case .date:
                    errors.append(
                        FieldError(field: "cpr", rule: .date, message: "cpr must begin with a real birth date (DDMMYY)")
                    )
                }
                return nil
            }
        }
    }
}
