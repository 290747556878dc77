import SporInstruments

/// The figures of an unsuppressed trend cell. Shares are fractions 0–1; optionals are `nil` (JSON `null`) when
/// there is no data for them.
public struct TrendFigures: Hashable, Sendable, Encodable {
    /// A named fraction or mean, kept in the definition's order.
    public struct Named: Hashable, Sendable {
        public var name: String
        public var value: Double

        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// Citizens counted, each once with their latest scored response in the period.
    public var citizens: Int
    public var meanScore: Double
    /// The middle score, or the mean of the two middle scores for an even count.
    public var medianScore: Double
    /// Sample standard deviation (n − 1); `nil` with one citizen.
    public var sdScore: Double?
    /// The share of citizens with each of the instrument's flags.
    public var flags: [Named]
    /// Citizens whose baseline is dated before their counted response.
    public var pairedCitizens: Int
    /// Mean of counted score minus baseline score over paired citizens; `nil` without pairs.
    public var meanChange: Double?
    public var improved: Double?
    public var unchanged: Double?
    public var deteriorated: Double?
    public var crossedCutoff: Double?
    /// The mean of each CHIME item, for instruments whose items have domains; `nil` otherwise.
    public var chimeMeans: [Named]?

    public init(
        citizens: Int, meanScore: Double, medianScore: Double, sdScore: Double?, flags: [Named], pairedCitizens: Int,
        meanChange: Double?, improved: Double?, unchanged: Double?, deteriorated: Double?, crossedCutoff: Double?,
        chimeMeans: [Named]?
    ) {
        self.citizens = citizens
        self.meanScore = meanScore
        self.medianScore = medianScore
        self.sdScore = sdScore
        self.flags = flags
        self.pairedCitizens = pairedCitizens
        self.meanChange = meanChange
        self.improved = improved
        self.unchanged = unchanged
        self.deteriorated = deteriorated
        self.crossedCutoff = crossedCutoff
        self.chimeMeans = chimeMeans
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes the figures into the cell's object, `null` for figures without data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(citizens, forKey: Key("citizens"))
        try container.encode(meanScore, forKey: Key("meanScore"))
        try container.encode(medianScore, forKey: Key("medianScore"))
        try container.encode(sdScore, forKey: Key("sdScore"))
        var flagContainer = container.nestedContainer(keyedBy: Key.self, forKey: Key("flags"))
        for flag in flags { try flagContainer.encode(flag.value, forKey: Key(flag.name)) }
        try container.encode(pairedCitizens, forKey: Key("pairedCitizens"))
        try container.encode(meanChange, forKey: Key("meanChange"))
        try container.encode(improved, forKey: Key("improved"))
        try container.encode(unchanged, forKey: Key("unchanged"))
        try container.encode(deteriorated, forKey: Key("deteriorated"))
        try container.encode(crossedCutoff, forKey: Key("crossedCutoff"))
        if let chimeMeans {
            var chimeContainer = container.nestedContainer(keyedBy: Key.self, forKey: Key("chimeMeans"))
            for mean in chimeMeans { try chimeContainer.encode(mean.value, forKey: Key(mean.name)) }
        }
    }
}
