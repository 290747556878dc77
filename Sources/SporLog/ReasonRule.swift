public import SporInstruments

/// The rule for the reason of a correction or retraction: 1–1000 bytes of text without control characters, and
/// no CPR number (``CPRDetector``; the reason is stored as written).
public enum ReasonRule {
    /// The longest reason accepted, in UTF-8 bytes.
    public static let maximumLength = 1000

    /// The broken rule, or `nil` when `reason` is acceptable. The message never repeats the reason.
    public static func check(_ reason: String, field: String = "reason") -> FieldError? {
        let utf8 = Array(reason.utf8)
        if utf8.allSatisfy({ $0 == 32 }) {
            return FieldError(field: field, rule: .required, message: "\(field) is required and must not be blank")
        }
        if utf8.count > maximumLength {
            return FieldError(field: field, rule: .range, message: "\(field) must be at most \(maximumLength) bytes")
        }
        if utf8.contains(where: { $0 < 32 || $0 == 127 }) {
            return FieldError(field: field, rule: .format, message: "\(field) must not contain control characters")
        }
        if CPRDetector.finds(in: reason) { return CPRDetector.error(field: field) }
        return nil
    }
}
