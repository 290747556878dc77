import Foundation
public import SporInstruments

extension FHIRInstrument {
    /// The instrument as a FHIR R4 Questionnaire: one required `choice` item per question, each answer option a
    /// coding with the item value as `ordinalValue` (for WHO-5 KL's answer codes, so a form built from it answers in
    /// KL's terms and Spor's values alike).
    public var questionnaire: JSONValue {
        let options = definition.options.map(\.value).sorted()
        let items = definition.items.indices.map { index in
            JSONValue.fields([
                "linkId": .string(linkIDs[index]),
                "code": itemCode(item: index),
                "text": .string(text(item: index)),
                "type": .string("choice"),
                "required": .bool(true),
                "repeats": .bool(false),
                "answerOption": .array(options.map { .fields(["valueCoding": answerCoding(item: index, value: $0)]) }),
            ])
        }
        return .fields([
            "resourceType": .string("Questionnaire"),
            "id": .string(id),
            "url": .string(canonical),
            "version": .string(definition.version),
            "name": .string(definition.id.rawValue.replacingOccurrences(of: "-", with: "_").uppercased()),
            "title": .string(definition.name.da),
            "derivedFrom": isWHO5 ? .array([.string(FHIRSystem.klWHO5)]) : nil,
            "status": .string("active"),
            "publisher": .string("Spor"),
            "description": .string("\(definition.name.en). \(definition.stem.da) Source: \(definition.source)"),
            "code": .array([code]),
            "item": .array(items),
        ])
    }
}
