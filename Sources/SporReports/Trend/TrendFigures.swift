import SporInstruments

/// The figures of an unsuppressed trend cell. Shares are fractions 0–1; `sdScore` is `nil` (JSON `null`) with one
/// citizen, and the change figures are `nil` when they are hidden (all six JSON `null` and `"changeSuppressed":
/// true`).
public struct TrendFigures: Hashable, Sendable, Codable {
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
    /// The change figures; `nil` when hidden: fewer than `minCell` paired citizens (none at all included), the
    /// cell's change figures needed to protect another's (docs/report-definition.md).
    public var change: TrendChange?
    /// The mean of each CHIME item, for instruments whose items have domains; `nil` otherwise.
    public var chimeMeans: [Named]?

    public init(
        citizens: Int, meanScore: Double, medianScore: Double, sdScore: Double?, flags: [Named], change: TrendChange?,
        chimeMeans: [Named]?
    ) {
        self.citizens = citizens
        self.meanScore = meanScore
        self.medianScore = medianScore
        self.sdScore = sdScore
        self.flags = flags
        self.change = change
        self.chimeMeans = chimeMeans
    }

    /// Whether the change figures are hidden.
    public var changeSuppressed: Bool { change == nil }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }

        static let citizens = Key("citizens"), meanScore = Key("meanScore"), medianScore = Key("medianScore")
        static let sdScore = Key("sdScore"), flags = Key("flags"), pairedCitizens = Key("pairedCitizens")
        static let meanChange = Key("meanChange"), improved = Key("improved"), unchanged = Key("unchanged")
        static let deteriorated = Key("deteriorated"), crossedCutoff = Key("crossedCutoff")
        static let changeSuppressed = Key("changeSuppressed"), chimeMeans = Key("chimeMeans")
    }

    /// Writes the figures into the cell's object, `null` for figures without data and for hidden change figures.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(citizens, forKey: .citizens)
        try container.encode(meanScore, forKey: .meanScore)
        try container.encode(medianScore, forKey: .medianScore)
        try container.encode(sdScore, forKey: .sdScore)
        var flagContainer = container.nestedContainer(keyedBy: Key.self, forKey: .flags)
        for flag in flags { try flagContainer.encode(flag.value, forKey: Key(flag.name)) }
        try container.encode(change?.pairedCitizens, forKey: .pairedCitizens)
        try container.encode(change?.meanChange, forKey: .meanChange)
        try container.encode(change?.improved, forKey: .improved)
        try container.encode(change?.unchanged, forKey: .unchanged)
        try container.encode(change?.deteriorated, forKey: .deteriorated)
        try container.encode(change?.crossedCutoff, forKey: .crossedCutoff)
        if change == nil { try container.encode(true, forKey: .changeSuppressed) }
        if let chimeMeans {
            var chimeContainer = container.nestedContainer(keyedBy: Key.self, forKey: .chimeMeans)
            for mean in chimeMeans { try chimeContainer.encode(mean.value, forKey: Key(mean.name)) }
        }
    }

    /// Reads the form ``encode(to:)`` writes. Flags and CHIME means come sorted by name; ``TrendReport`` puts them
    /// back in the definition's order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func named(_ key: Key) throws -> [Named] {
            let values = try container.nestedContainer(keyedBy: Key.self, forKey: key)
            return try values.allKeys.map {
                Named(name: $0.stringValue, value: try values.decode(Double.self, forKey: $0))
            }
            .sorted { $0.name < $1.name }
        }
        citizens = try container.decode(Int.self, forKey: .citizens)
        meanScore = try container.decode(Double.self, forKey: .meanScore)
        medianScore = try container.decode(Double.self, forKey: .medianScore)
        sdScore = try container.decodeIfPresent(Double.self, forKey: .sdScore)
        flags = try named(.flags)
        if try container.decodeIfPresent(Bool.self, forKey: .changeSuppressed) == true {
            change = nil
        } else {
            change = TrendChange(
                pairedCitizens: try container.decode(Int.self, forKey: .pairedCitizens),
                meanChange: try container.decode(Double.self, forKey: .meanChange),
                improved: try container.decode(Double.self, forKey: .improved),
                unchanged: try container.decode(Double.self, forKey: .unchanged),
                deteriorated: try container.decode(Double.self, forKey: .deteriorated),
                crossedCutoff: try container.decode(Double.self, forKey: .crossedCutoff))
        }
        chimeMeans = container.contains(.chimeMeans) ? try named(.chimeMeans) : nil
    }

    /// The same figures with flags and CHIME means in the order of these names.
    func ordered(flagNames: [String], domainNames: [String]) -> TrendFigures {
        func order(_ values: [Named], _ names: [String]) -> [Named] {
            values.sorted {
                (names.firstIndex(of: $0.name) ?? names.count) < (names.firstIndex(of: $1.name) ?? names.count)
            }
        }
        var copy = self
        copy.flags = order(flags, flagNames)
        copy.chimeMeans = chimeMeans.map { order($0, domainNames) }
        return copy
    }
}
