public import SporInstruments

/// The URIs the FHIR resources use: Spor's own canonical URLs and code systems, and the external systems
/// (SNOMED CT, UCUM, KL's FFInst guide, the Danish CPR identifier system). `docs/fhir.md` lists them.
public enum FHIRSystem {
    /// Spor's canonical base; its Questionnaires, code systems and extensions live under it.
    public static let base = "https://spor.example/fhir"
    /// The canonical URL of a built-in instrument's Questionnaire: `https://spor.example/fhir/Questionnaire/who5`.
    public static func questionnaire(_ instrument: InstrumentID) -> String { "\(base)/Questionnaire/\(instrument)" }
    /// Spor's code system for what no standard codes: the Brief INSPIRE-O questionnaire and score, the CHIME items.
    public static let sporCodes = "\(base)/CodeSystem/spor"
    /// Spor's answer codes of an instrument: the code is the item value (`"0"` … `"5"`).
    public static func answerCodes(_ instrument: InstrumentID) -> String { "\(base)/CodeSystem/\(instrument)-answer" }
    /// Spor's codes of the rules an input can break (the `rule` of a field error), in an OperationOutcome.
    public static let ruleCodes = "\(base)/CodeSystem/rule"
    /// The extension that carries the response's unit (the social offer), a `valueString`.
    public static let unitExtension = "\(base)/StructureDefinition/unit"
    /// The extension that carries the response's step on the intervention staircase, a `valueString`.
    public static let interventionExtension = "\(base)/StructureDefinition/intervention"
    /// The extension that carries how the answers were given (`self`, `assisted`, …), a `valueCode`.
    public static let modeExtension = "\(base)/StructureDefinition/administration-mode"
    /// The citizen identifier system used when a deployment names none of its own.
    public static let defaultCitizenSystem = "\(base)/citizen-id"

    /// The Danish CPR identifier system, as dk-core uses it. Accepted on input only, never written.
    public static let cpr = "urn:oid:1.2.208.176.1.2"
    /// Identifiers that are URIs: a response's id is written `urn:uuid:…` in this system.
    public static let uri = "urn:ietf:rfc:3986"
    public static let snomed = "http://snomed.info/sct"
    public static let ucum = "http://unitsofmeasure.org"
    public static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    /// The standard extension that gives a coded answer its numeric value.
    public static let ordinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

    /// KL's WHO-5 Questionnaire in the FFInst guide (`hl7dk/KL-dk-tools`, `KLToolsCareWHO-5`).
    public static let klWHO5 = "http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO-5"
    /// KL's code system `KLToolsCodes` (the FFInst guide's canonical base plus `/CodeSystem/KLToolsCodes`).
    public static let klCodes = "http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes"
}
