import Foundation

/// A stored response with its score: the one JSON shape every surface answers a response with
/// (`Schemas/scored-response.schema.json`): the scored-response fields of `spor score` (`instrument`,
/// `definitionVersion`, `complete`, `answers`, `raw`, `score`, `flags`, and `chime` where the instrument has
/// domains) with the stored response's fields beside them (`id`, `citizen`, `administeredAt`, and `unit`,
/// `intervention`, `mode` when given).
public struct ScoredResponse: Hashable, Sendable, Encodable {
    public var response: Response
    /// The score under the definition version the response is stored with.
    public var score: Score

    /// The response scored by its instrument in `catalog`; `nil` when the catalog does not hold the instrument.
    public init?(_ response: Response, definitionVersion: String, catalog: InstrumentCatalog = .builtIn) {
        guard let definition = catalog[response.instrument] else { return nil }
        self.response = response
        self.score = definition.score(response.answers)
        self.score.version = definitionVersion
    }

    private enum CodingKeys: String, CodingKey {
        case id, citizen, administeredAt, unit, intervention, mode
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(response.id.uuidString.lowercased(), forKey: .id)
        try container.encode(response.citizen, forKey: .citizen)
        try container.encode(response.administeredAt, forKey: .administeredAt)
        try container.encodeIfPresent(response.unit, forKey: .unit)
        try container.encodeIfPresent(response.intervention, forKey: .intervention)
        try container.encodeIfPresent(response.mode?.rawValue, forKey: .mode)
        try score.encode(to: encoder)
    }
}
