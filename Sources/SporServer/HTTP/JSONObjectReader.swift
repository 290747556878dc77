import SporInstruments

/// Reads the members of a small JSON request object (a correction, a retraction, a resolve), reporting unknown
/// (by position, never by name), duplicate and mistyped fields as ``FieldError``s.
struct JSONObjectReader {
    private(set) var members: [String: JSONValue] = [:]
    private(set) var errors: [FieldError] = []

    /// - Parameter known: the field names the object may have.
    init(_ value: JSONValue, known: Set<String>) {
        guard case .object(let pairs) = value else {
            errors.append(FieldError(field: "$", rule: .type, message: "the body must be a JSON object"))
            return
        }
        for (position, (key, value)) in pairs.enumerated() {
            if !known.contains(key) {
                // The name is never repeated: a caller may have typed anything there.
                errors.append(
                    FieldError(
                        field: "$", rule: .unknownField,
                        message: "member \(position + 1) of the object is not a field of this request"))
            } else if members[key] != nil {
                errors.append(FieldError(field: key, rule: .duplicateField, message: "\(key) is given more than once"))
            } else {
                members[key] = value
            }
        }
    }

    /// A required string field; records an error and returns `nil` when it is missing or not a string.
    mutating func string(_ name: String) -> String? {
        switch members[name] {
        case nil, .null?:
            errors.append(FieldError(field: name, rule: .required, message: "\(name) is required"))
            return nil
        case .string(let text)?:
            return text
        case let value?:
            errors.append(
                FieldError(field: name, rule: .type, message: "\(name) must be a string, not \(value.typeName)"))
            return nil
        }
    }

    mutating func add(_ error: FieldError) {
        errors.append(error)
    }

    mutating func add(contentsOf more: [FieldError]) {
        errors.append(contentsOf: more)
    }
}
