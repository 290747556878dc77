public import SporInstruments

/// The rule for the reason of a correction or retraction: 1–1000 bytes of text without control characters, and
/// nothing shaped like a CPR number (the reason is stored as written).
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
        if containsCPRShape(utf8) {
            return FieldError(field: field, rule: .format, message: "\(field) must not contain a CPR number")
        }
        return nil
    }

    /// Whether six digits, an optional hyphen and four digits appear, not inside a longer run of digits.
    static func containsCPRShape(_ bytes: [UInt8]) -> Bool {
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57 }
        for start in bytes.indices where isDigit(start) && !isDigit(start - 1) {
            var run = start
            while isDigit(run) { run += 1 }
            let length = run - start
            if length == 10 { return true }
            if length == 6, run < bytes.count, bytes[run] == UInt8(ascii: "-") {
                var end = run + 1
                while isDigit(end) { end += 1 }
                if end - run - 1 == 4 { return true }
            }
        }
        return false
    }
}
