public import SporInstruments

/// A name stored as the author of an event: a token's name or role, or an operating-system user.
///
/// Author names are free text that is stored in the log for good, so every one is checked here, in one place
/// (``check(_:field:)``): 1–64 bytes of UTF-8, no control, format (such as bidirectional overrides) or line
/// separator characters, no space at either end, and nothing shaped like a CPR number.
///
/// ```swift
/// let name = AuthorName(rawValue: "anna")!      // nil when the text breaks a rule
/// ```
public struct AuthorName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// The longest name accepted, in UTF-8 bytes.
    public static let maximumLength = 64

    /// Creates a name if the text keeps every rule of ``check(_:field:)``.
    public init?(rawValue: String) {
        guard Self.check(rawValue) == nil else { return nil }
        self.rawValue = rawValue
    }

    /// A name read back from the log or a snapshot: stored under the rules of its day and guarded by the
    /// record's checksum and hash chain, so it is taken as it stands (a rule made stricter later must not make a
    /// log unreadable).
    init(stored text: String) {
        rawValue = text
    }

    /// The broken rule, or `nil` when `text` may be stored as an author name. The message names the field and
    /// the rule, never the text.
    public static func check(_ text: String, field: String = "author") -> FieldError? {
        let utf8 = text.utf8
        if utf8.isEmpty {
            return FieldError(field: field, rule: .required, message: "\(field) is required")
        }
        if utf8.count > maximumLength {
            return FieldError(field: field, rule: .range, message: "\(field) must be at most \(maximumLength) bytes")
        }
        // Printable ASCII, as almost every name is (a token's name and role are checked on every write), has
        // no unsafe character and no space but U+0020: the Unicode checks below give the same answer.
        let printableASCII = utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        if !printableASCII, text.unicodeScalars.contains(where: \.isUnsafeInName) {
            return FieldError(
                field: field, rule: .format, message: "\(field) must not contain control or format characters")
        }
        if printableASCII
            ? utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
            : text.first!.isWhitespace || text.last!.isWhitespace
        {
            return FieldError(field: field, rule: .format, message: "\(field) must not start or end with a space")
        }
        if CPRDetector.finds(inUTF8: utf8) { return CPRDetector.error(field: field) }
        return nil
    }

    public var description: String { rawValue }

    public static func < (lhs: AuthorName, rhs: AuthorName) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Unicode.Scalar {
    /// Control, format, separator (other than space), private-use and unassigned characters: those that can hide
    /// or reorder what a reader of a name sees.
    fileprivate var isUnsafeInName: Bool {
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        case .spaceSeparator: value != 0x20
        default: false
        }
    }
}
