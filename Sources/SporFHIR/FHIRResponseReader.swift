public import SporInstruments

/// Reads a QuestionnaireResponse into the fields of a response (``RawResponse``), for the same validation and
/// recording as `POST /v1/responses`. What FHIR's shape breaks is reported here, each error at the element's
/// FHIRPath; ``FHIRReading/translate(_:)`` moves the validator's errors onto the elements they came from.
///
/// | element | field |
/// | --- | --- |
/// | `identifier.value` (`urn:uuid:…` or a UUID) | `id` |
/// | `subject.identifier` without a system or in the citizen system | `citizen` |
/// | `subject.identifier` in `urn:oid:1.2.208.176.1.2` | `cpr` |
/// | `questionnaire` (canonical URL, optionally `|version`, or `Questionnaire/{id}`) | `instrument` |
/// | `authored` (its date) | `administeredAt` |
/// | `item[linkId].answer[0].valueInteger` or `.valueCoding` | `answers` |
/// | the unit, intervention and administration-mode extensions | `unit`, `intervention`, `mode` |
///
/// A CPR number anywhere but a subject identifier in the CPR system is refused (rule `cpr`).
public struct FHIRResponseReader: Sendable {
    public let settings: FHIRSettings
    public let catalog: InstrumentCatalog

    public init(settings: FHIRSettings, catalog: InstrumentCatalog = .builtIn) {
        self.settings = settings
        self.catalog = catalog
    }

    /// The root of every FHIRPath in an error.
    static let root = "QuestionnaireResponse"

    /// The response's fields and what FHIR's shape breaks.
    public func read(_ document: JSONValue) -> FHIRReading {
        var reading = FHIRReading()
        guard case .object = document else {
            reading.errors.append(FieldError(field: Self.root, rule: .type, message: "the body must be a JSON object"))
            return reading
        }
        if document["resourceType"]?.stringValue != "QuestionnaireResponse" {
            reading.errors.append(
                FieldError(
                    field: "\(Self.root).resourceType", rule: .format,
                    message: "resourceType must be QuestionnaireResponse"))
        }
        switch document["status"]?.stringValue {
        case "completed"?: break
        case nil:
            reading.errors.append(
                FieldError(field: "\(Self.root).status", rule: .required, message: "status is required"))
        default:
            reading.errors.append(
                FieldError(
                    field: "\(Self.root).status", rule: .range, message: "status must be completed"))
        }
        readIdentifier(document["identifier"], into: &reading)
        readSubject(document["subject"], into: &reading)
        readQuestionnaire(document["questionnaire"], into: &reading)
        if let authored = document["authored"] {
            // A dateTime's date as written: the administration date.
            if case .string(let text) = authored, text.count > 10, text.dropFirst(10).first == "T" {
                reading.raw.administeredAt = .string(String(text.prefix(10)))
            } else {
                reading.raw.administeredAt = authored
            }
        }
        readExtensions(document["extension"], into: &reading)
        if let form = reading.form { readItems(document["item"], form: form, into: &reading) }
        scanForCPR(document, path: Self.root, into: &reading)
        return reading
    }

    private func readIdentifier(_ identifier: JSONValue?, into reading: inout FHIRReading) {
        guard let identifier else { return }
        let path = "\(Self.root).identifier"
        if let system = identifier["system"], system.stringValue != FHIRSystem.uri {
            reading.errors.append(
                FieldError(
                    field: "\(path).system", rule: .format,
                    message: "identifier.system must be \(FHIRSystem.uri) or absent"))
        }
        guard let value = identifier["value"] else {
            reading.errors.append(
                FieldError(field: "\(path).value", rule: .required, message: "identifier.value is required"))
            return
        }
        if case .string(let text) = value, text.hasPrefix("urn:uuid:") {
            reading.raw.id = .string(String(text.dropFirst(9)))
        } else {
            reading.raw.id = value
        }
    }

    private func readSubject(_ subject: JSONValue?, into reading: inout FHIRReading) {
        let path = "\(Self.root).subject"
        guard let subject, subject != .null else {
            reading.errors.append(FieldError(field: path, rule: .required, message: "subject is required"))
            return
        }
        guard let identifier = subject["identifier"] else {
            reading.errors.append(
                FieldError(
                    field: "\(path).identifier", rule: .required,
                    message: "subject.identifier is required (the citizen id, or a CPR number in \(FHIRSystem.cpr))"))
            return
        }
        guard let value = identifier["value"] else {
            reading.errors.append(
                FieldError(
                    field: "\(path).identifier.value", rule: .required, message: "subject.identifier.value is required")
            )
            return
        }
        switch identifier["system"] {
        case nil:
            reading.raw.citizen = value
        case .string(let system)? where system == settings.citizenSystem:
            reading.raw.citizen = value
        case .string(let system)? where system == FHIRSystem.cpr:
            reading.raw.cpr = value
        default:
            reading.errors.append(
                FieldError(
                    field: "\(path).identifier.system", rule: .format,
                    message: "subject.identifier.system must be \(settings.citizenSystem), \(FHIRSystem.cpr) or absent")
            )
            return
        }
        reading.consumed.insert("\(path).identifier.value")
    }

    private func readQuestionnaire(_ value: JSONValue?, into reading: inout FHIRReading) {
        let path = "\(Self.root).questionnaire"
        guard let value else {
            reading.errors.append(FieldError(field: path, rule: .required, message: "questionnaire is required"))
            return
        }
        let known = catalog.definitions.map { FHIRInstrument($0).canonical }.joined(separator: ", ")
        guard case .string(let text) = value else {
            reading.errors.append(
                FieldError(field: path, rule: .type, message: "questionnaire must be a string, not \(value.typeName)"))
            return
        }
        let parts = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let url = String(parts[0])
        let definition = catalog.definitions.first { definition in
            let form = FHIRInstrument(definition)
            return url == form.canonical || url == "Questionnaire/\(form.id)"
                || (form.isWHO5 && url == FHIRSystem.klWHO5)
        }
        guard let definition else {
            reading.errors.append(
                FieldError(field: path, rule: .unknownInstrument, message: "questionnaire must be one of: \(known)"))
            return
        }
        if parts.count == 2, parts[1] != definition.version {
            reading.errors.append(
                FieldError(
                    field: path, rule: .range,
                    message: "questionnaire's version must be \(definition.version) or absent"))
            return
        }
        reading.form = FHIRInstrument(definition)
        reading.raw.instrument = .string(definition.id.rawValue)
    }

    private func readExtensions(_ value: JSONValue?, into reading: inout FHIRReading) {
        guard case .array(let extensions)? = value else { return }
        for (index, element) in extensions.enumerated() {
            guard case .object(let members) = element, let url = element["url"]?.stringValue else { continue }
            let path = "\(Self.root).extension[\(index)]"
            guard let valueMember = members.first(where: { $0.key.hasPrefix("value") }) else { continue }
            let keyPath: WritableKeyPath<RawResponse, JSONValue?>
            switch url {
            case FHIRSystem.unitExtension: keyPath = \.unit
            case FHIRSystem.interventionExtension: keyPath = \.intervention
            case FHIRSystem.modeExtension: keyPath = \.mode
            default: continue
            }
            if reading.raw[keyPath: keyPath] != nil {
                reading.errors.append(
                    FieldError(
                        field: path, rule: .duplicateField, message: "the extension \(url) is given more than once"))
                continue
            }
            reading.raw[keyPath: keyPath] = valueMember.value
            reading.fieldPaths[Self.field(of: keyPath)] = "\(path).\(valueMember.key)"
            if keyPath != \.mode { reading.consumed.insert("\(path).\(valueMember.key)") }
        }
    }

    private static func field(of keyPath: WritableKeyPath<RawResponse, JSONValue?>) -> String {
        switch keyPath {
        case \.unit: "unit"
        case \.intervention: "intervention"
        default: "mode"
        }
    }
}
