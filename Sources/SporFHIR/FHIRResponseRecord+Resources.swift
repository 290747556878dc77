import Foundation
public import SporInstruments

extension FHIRResponseRecord {
    /// The response's id as a FHIR id and `urn:uuid:` URI.
    public var responseID: String { response.id.uuidString.lowercased() }

    /// The score Observation's id: derived from the response id, so exporting again gives the same id.
    public var observationID: String {
        var bytes = response.id.uuid
        withUnsafeMutableBytes(of: &bytes) { raw in
            for (index, mask) in Self.observationMask.enumerated() { raw[index] ^= mask }
        }
        return UUID(uuid: bytes).uuidString.lowercased()
    }

    /// Flips bits of a response id into its Observation's id (and keeps the UUID version and variant bits).
    private static let observationMask: [UInt8] = [
        0x5a, 0x3c, 0x96, 0x0f, 0xa5, 0xc3, 0x00, 0x69, 0x00, 0x1e, 0xe1, 0x78, 0x87, 0x2d, 0xd2, 0x4b,
    ]

    /// The QuestionnaireResponse: subject as an identifier in the deployment's citizen system, `authored` the
    /// administration date, one item per answered question, unit, intervention and mode as Spor extensions.
    public func questionnaireResponse(settings: FHIRSettings) -> JSONValue? {
        guard let definition = InstrumentCatalog.builtIn[response.instrument] else { return nil }
        let form = FHIRInstrument(definition)
        let items: [JSONValue] = response.answers.enumerated().compactMap { index, value in
            guard let value, index < form.linkIDs.count else { return nil }
            return .fields([
                "linkId": .string(form.linkIDs[index]),
                "text": .string(form.text(item: index)),
                "answer": .array([.fields(["valueCoding": form.answerCoding(item: index, value: value)])]),
            ])
        }
        var extensions: [JSONValue] = []
        if let unit = response.unit {
            extensions.append(Self.extension(FHIRSystem.unitExtension, "valueString", unit.rawValue))
        }
        if let intervention = response.intervention {
            extensions.append(Self.extension(FHIRSystem.interventionExtension, "valueString", intervention.rawValue))
        }
        if let mode = response.mode {
            extensions.append(Self.extension(FHIRSystem.modeExtension, "valueCode", mode.rawValue))
        }
        return .fields([
            "resourceType": .string("QuestionnaireResponse"),
            "id": .string(responseID),
            "meta": meta,
            "extension": extensions.isEmpty ? nil : .array(extensions),
            "identifier": .fields(["system": .string(FHIRSystem.uri), "value": .string("urn:uuid:\(responseID)")]),
            "questionnaire": .string("\(form.canonical)|\(definitionVersion)"),
            "status": .string(status.rawValue),
            "subject": subject(settings),
            "authored": .string(response.administeredAt.description),
            "author": author.map { .fields(["display": .string($0)]) },
            "item": items.isEmpty ? nil : .array(items),
        ])
    }

    /// The score Observation, `derivedFrom` the QuestionnaireResponse at `responseReference`: WHO-5 in percent
    /// (SNOMED CT 1144665009), another instrument its 0–100 score with Spor's code and the CHIME items as
    /// components. `nil` for an incomplete response, which has no score.
    public func scoreObservation(settings: FHIRSettings, responseReference: String) -> JSONValue? {
        guard let definition = InstrumentCatalog.builtIn[response.instrument],
            let scored = ScoredResponse(response, definitionVersion: definitionVersion), let score = scored.score.score
        else { return nil }
        let form = FHIRInstrument(definition)
        let value: JSONValue =
            form.isWHO5
            ? .fields([
                "value": .integer(score), "unit": .string("%"), "system": .string(FHIRSystem.ucum),
                "code": .string("%"),
            ])
            : .fields([
                "value": .integer(score), "unit": .string("score"), "system": .string(FHIRSystem.ucum),
                "code": .string("{score}"),
            ])
        let components: [JSONValue] = scored.score.profile.compactMap { domain in
            guard let value = domain.value else { return nil }
            return .fields([
                "code": .fields([
                    "coding": .array([
                        .fields([
                            "system": .string(FHIRSystem.sporCodes), "code": .string("chime-\(domain.domain)"),
                            "display": .string("CHIME \(domain.domain)"),
                        ])
                    ])
                ]),
                "valueInteger": .integer(value),
            ])
        }
        let observationStatus =
            switch status {
            case .completed: "final"
            case .amended: "amended"
            case .enteredInError: "entered-in-error"
            }
        return .fields([
            "resourceType": .string("Observation"),
            "id": .string(observationID),
            "meta": meta,
            "status": .string(observationStatus),
            "category": .array([
                .fields([
                    "coding": .array([
                        .fields([
                            "system": .string(FHIRSystem.observationCategory), "code": .string("survey"),
                            "display": .string("Survey"),
                        ])
                    ])
                ])
            ]),
            "code": .fields(["coding": .array([form.scoreCode]), "text": .string("\(definition.name.en) score")]),
            "subject": subject(settings),
            "effectiveDateTime": .string(response.administeredAt.description),
            "performer": author.map { .array([.fields(["display": .string($0)])]) },
            "valueQuantity": value,
            "derivedFrom": .array([.fields(["reference": .string(responseReference)])]),
            "component": components.isEmpty ? nil : .array(components),
        ])
    }

    private var meta: JSONValue {
        .fields(["lastUpdated": .string(FHIRInstant.text(lastUpdated))])
    }

    private func subject(_ settings: FHIRSettings) -> JSONValue {
        .fields([
            "identifier": .fields([
                "system": .string(settings.citizenSystem), "value": .string(response.citizen.rawValue),
            ])
        ])
    }

    private static func `extension`(_ url: String, _ key: String, _ value: String) -> JSONValue {
        .object([(key: "url", value: .string(url)), (key: key, value: .string(value))])
    }
}
