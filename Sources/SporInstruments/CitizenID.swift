/// An opaque pseudonymous citizen id: 1–64 of `A–Z a–z 0–9 . _ -`. Never a CPR number.
///
/// Ids that hold a CPR number anywhere (``CPRDetector``), or are shaped like one (ten digits, with or without the
/// hyphen, whatever the date), are refused, so a CPR number cannot be stored by putting it in the `citizen` field.
public struct CitizenID: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A value this package encoded itself from a checked `CitizenID` and reads back in the same process (an import's
    /// record batch): not checked again.
    package init(alreadyChecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates an id if the text is 1–64 safe characters, holds no CPR number and is not shaped like one.
    public init?(rawValue: String) {
        guard Label.isValid(rawValue), CPRNumber.shape(of: rawValue) == nil else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let id = CitizenID(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a citizen id")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: CitizenID, rhs: CitizenID) -> Bool { lhs.rawValue < rhs.rawValue }
}
