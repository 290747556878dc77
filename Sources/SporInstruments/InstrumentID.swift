/// The identifier of a questionnaire, such as `who5` or `brief-inspire-o`.
///
/// Identifiers are data: the set of known instruments is whatever the ``InstrumentCatalog`` holds.
public struct InstrumentID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The WHO-5 Well-Being Index.
    public static let who5 = InstrumentID("who5")
    /// Brief INSPIRE-O, one item per CHIME recovery process.
    public static let briefInspireO = InstrumentID("brief-inspire-o")
}
