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

    /// Whether ten digits appear together, alone or in groups joined by single spaces, hyphens, slashes or dots
    /// (`0101901234`, `010190-1234`, `010190 1234`, `01 01 90/1234`), not as part of a longer run of digits.
    /// Dates (`2026-03-14`, eight digits) and longer numbers pass.
    static func containsCPRShape(_ bytes: [UInt8]) -> Bool {
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57 }
        func isSeparator(_ index: Int) -> Bool {
            index >= 0 && index < bytes.count && [32, 45, 47, 46].contains(bytes[index])  // space - / .
        }
        var index = 0
        while index < bytes.count {
            guard isDigit(index) else {
                index += 1
                continue
            }
            // A sequence of digit groups joined by single separators.
            var digits = 0
            while isDigit(index) {
                digits += 1
                index += 1
                if isSeparator(index), isDigit(index + 1) { index += 1 }
            }
            if digits == 10 { return true }
        }
        return false
    }
}
