/// A named observation about a scored response, in neutral words (never a diagnosis).
///
/// Flags are defined by the instrument definitions; the well-known ones have constants here.
public struct Flag: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
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

    public static func < (lhs: Flag, rhs: Flag) -> Bool { lhs.rawValue < rhs.rawValue }

    /// WHO-5 percentage score 50 or less.
    public static let lowWellbeing = Flag("lowWellbeing")
    /// WHO-5 percentage score 28 or less.
    public static let veryLowWellbeing = Flag("veryLowWellbeing")
    /// A WHO-5 item answered 0 or 1.
    public static let itemAtFloor = Flag("itemAtFloor")
    /// Brief INSPIRE-O score below 50.
    public static let belowRecoveryCutoff = Flag("belowRecoveryCutoff")
    /// An item is unanswered, so the response has no score.
    public static let incomplete = Flag("incomplete")
}
