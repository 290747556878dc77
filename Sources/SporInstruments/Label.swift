/// A grouping label such as a unit (`bostotte-nord`) or an intervention code (`SEL85`): 1–64 of `A–Z a–z 0–9 . _ -`.
public struct Label: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The longest label accepted.
    public static let maximumLength = 64

    /// Creates a label if the text is 1–64 safe characters.
    public init?(rawValue: String) {
        guard Label.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let label = Label(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected 1-64 of A-Z a-z 0-9 . _ -")
        }
        self = label
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Label, rhs: Label) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether `text` is 1–64 of `A–Z a–z 0–9 . _ -`.
    public static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        return !utf8.isEmpty && utf8.count <= maximumLength && utf8.allSatisfy(\.isSafeLabelByte)
    }
}

extension UInt8 {
    /// `A–Z a–z 0–9 . _ -`.
    var isSafeLabelByte: Bool {
        switch self {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
