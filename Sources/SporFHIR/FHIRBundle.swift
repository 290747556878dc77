public import Foundation
public import SporInstruments

/// A FHIR Bundle of exported responses: per response its QuestionnaireResponse and, when it has a score, its score
/// Observation. Every entry's `fullUrl` is `urn:uuid:` and its resource id, so each `derivedFrom` resolves inside
/// the Bundle.
public enum FHIRBundle {
    /// What the Bundle is for.
    public enum Kind: String, Sendable {
        /// The answer to a search (`GET /fhir/QuestionnaireResponse`): responses are matches, Observations included.
        case searchset
        /// A file (`spor export fhir`).
        case collection
    }

    public static func make(
        _ records: [FHIRResponseRecord], kind: Kind, settings: FHIRSettings, timestamp: Date
    ) -> JSONValue {
        var entries: [JSONValue] = []
        var matches = 0
        for record in records {
            guard let response = record.questionnaireResponse(settings: settings) else { continue }
            let responseURL = "urn:uuid:\(record.responseID)"
            entries.append(entry(responseURL, response, kind: kind, mode: "match"))
            matches += 1
            if let observation = record.scoreObservation(settings: settings, responseReference: responseURL) {
                entries.append(entry("urn:uuid:\(record.observationID)", observation, kind: kind, mode: "include"))
            }
        }
        return .fields([
            "resourceType": .string("Bundle"),
            "meta": .fields(["lastUpdated": .string(FHIRInstant.text(timestamp))]),
            "type": .string(kind.rawValue),
            "timestamp": .string(FHIRInstant.text(timestamp)),
            "total": kind == .searchset ? .integer(matches) : nil,
            "entry": entries.isEmpty ? nil : .array(entries),
        ])
    }

    private static func entry(_ fullURL: String, _ resource: JSONValue, kind: Kind, mode: String) -> JSONValue {
        .fields([
            "fullUrl": .string(fullURL),
            "resource": resource,
            "search": kind == .searchset ? .fields(["mode": .string(mode)]) : nil,
        ])
    }
}
