extension Score: Encodable {
    private enum CodingKeys: String, CodingKey {
        case instrument, definitionVersion, complete, answers, raw, score, flags, chime
    }

    /// The scored-response JSON of docs/data-contract.md: `raw` and `score` are `null` when incomplete,
    /// and instruments with domains (Brief INSPIRE-O) add `chime` with one value per domain.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument, forKey: .instrument)
        try container.encode(version, forKey: .definitionVersion)
        try container.encode(complete, forKey: .complete)
        try container.encode(answers, forKey: .answers)
        try container.encode(raw, forKey: .raw)
        try container.encode(score, forKey: .score)
        try container.encode(flags, forKey: .flags)
        if !profile.isEmpty {
            var chime = container.nestedContainer(keyedBy: DomainKey.self, forKey: .chime)
            for entry in profile {
                try chime.encode(entry.value, forKey: DomainKey(stringValue: entry.domain))
            }
        }
    }

    private struct DomainKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
