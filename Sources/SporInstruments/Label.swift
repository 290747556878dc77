/// A grouping label such as a unit (`bostotte-nord`) or an intervention code (`SEL85`): 1–64 of `A–Z a–z 0–9 . _ -`,
/// holding no CPR number (``CPRDetector``). Citizen ids and token names follow the same rule.
public struct Label: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The longest label accepted.
    public static let maximumLength = 64

    /// Why a text is not a label.
    public enum Problem: Hashable, Sendable {
        /// Not 1–64 of `A–Z a–z 0–9 . _ -`.
        case format
        /// It holds a CPR number.
        case cpr
    }

    /// A value this package encoded itself from a checked `Label` and reads back in the same process (an import's
    /// record batch): not checked again.
    package init(alreadyChecked rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a label if the text is 1–64 safe characters without a CPR number.
    public init?(rawValue: String) {
        guard Label.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let label = Label(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected 1-64 of A-Z a-z 0-9 . _ -")
        }
        self = label
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Label, rhs: Label) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether `text` is 1–64 of `A–Z a–z 0–9 . _ -` without a CPR number.
    public static func isValid(_ text: String) -> Bool {
        problem(with: text) == nil
    }

    /// Why `text` is not a label, or `nil` when it is one.
    public static func problem(with text: String) -> Problem? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maximumLength, utf8.allSatisfy(\.isSafeLabelByte) else { return .format }
        return CPRDetector.finds(in: text) ? .cpr : nil
    }

    /// The error for a field whose text is not a label, naming the rule and never the text.
    public static func error(_ problem: Problem, field: String) -> FieldError {
        switch problem {
        case .format: FieldError(field: field, rule: .format, message: "\(field) must be 1-64 of A-Z a-z 0-9 . _ -")
        case .cpr: CPRDetector.error(field: field)
        }
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
