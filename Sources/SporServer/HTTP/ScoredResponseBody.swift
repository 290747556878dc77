import Foundation
import SporInstruments
import SporReports

/// A stored response with its score, as every route returns one (docs/data-contract.md, "A scored response, as output").
struct ScoredResponseBody: Encodable {
    var version: StoredResponse

    init(_ version: StoredResponse) {
        self.version = version
    }

    private enum Keys: String, CodingKey {
        case id, citizen, instrument, definitionVersion, administeredAt, answers, unit, intervention, mode
        case complete, raw, score, flags, chime
    }

    func encode(to encoder: any Encoder) throws {
        let response = version.response
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(response.id.uuidString.lowercased(), forKey: .id)
        try container.encode(response.citizen, forKey: .citizen)
        try container.encode(response.instrument, forKey: .instrument)
        try container.encode(version.definitionVersion, forKey: .definitionVersion)
        try container.encode(response.administeredAt, forKey: .administeredAt)
        try container.encode(response.answers, forKey: .answers)
        try container.encodeIfPresent(response.unit, forKey: .unit)
        try container.encodeIfPresent(response.intervention, forKey: .intervention)
        try container.encodeIfPresent(response.mode?.rawValue, forKey: .mode)
        guard let definition = InstrumentCatalog.builtIn[response.instrument] else { return }
        let score = definition.score(response.answers)
        try container.encode(score.complete, forKey: .complete)
        try container.encode(score.raw, forKey: .raw)
        try container.encode(score.score, forKey: .score)
        try container.encode(score.flags, forKey: .flags)
        if !score.profile.isEmpty {
            try container.encode(
                Dictionary(score.profile.map { ($0.domain, $0.value) }, uniquingKeysWith: { first, _ in first }),
                forKey: .chime)
        }
    }
}
