/// Finds a CPR number written anywhere inside a text, so that no stored text carries one (docs/privacy.md).
///
/// A CPR shape is ten digits `0–9` where the first six form a real `DDMMYY` date (the century from the seventh
/// digit, by ``CPRNumber``'s rule), with any number of ``separators`` between any two of them, and no digit
/// directly before the first or directly after the last:
///
/// ```swift
/// CPRDetector.finds(in: "borger 010190-1234")      // true
/// CPRDetector.finds(in: "x01.01.90–12 34x")        // true (en dash, space)
/// CPRDetector.finds(in: "310290-1234")             // false: 31 February
/// CPRDetector.finds(in: "01019012345")             // false: eleven digits in a row
/// CPRDetector.finds(in: "c-000123")                // false
/// ```
///
/// It reads the text's UTF-8 once, keeping the last ten digits in a register: no allocation, no regular expression.
/// `Schemas/response.schema.json` and `Schemas/openapi.yaml` state the same rule as a pattern
/// (`scripts/cpr-pattern.py`); a test holds the two equal.
public enum CPRDetector {
    /// The characters that may stand between the digits of a CPR number, as sorted ranges of Unicode scalar values:
    /// every dash (general category Pd, and the minus sign U+2212), every white space (the White_Space property,
    /// the no-break spaces included), dots, slashes, underscores and colons (and their full-width forms), and the
    /// invisible characters that can sit unseen between two digits (soft hyphen, zero-width spaces and joiners,
    /// word joiner, direction marks, byte order mark).
    public static let separators: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0x2D...0x2F, 0x3A...0x3A, 0x5F...0x5F,
        0x85...0x85, 0xA0...0xA0, 0xAD...0xAD, 0x58A...0x58A, 0x5BE...0x5BE, 0x1400...0x1400, 0x1680...0x1680,
        0x1806...0x1806, 0x180E...0x180E, 0x2000...0x2015, 0x2028...0x202F, 0x2044...0x2044, 0x205F...0x2064,
        0x2066...0x2069, 0x2212...0x2212, 0x2215...0x2215, 0x2E17...0x2E17, 0x2E1A...0x2E1A, 0x2E3A...0x2E3B,
        0x2E40...0x2E40, 0x2E5D...0x2E5D, 0x3000...0x3000, 0x301C...0x301C, 0x3030...0x3030, 0x30A0...0x30A0,
        0xFE31...0xFE32, 0xFE58...0xFE58, 0xFE63...0xFE63, 0xFEFF...0xFEFF, 0xFF0D...0xFF0F, 0xFF1A...0xFF1A,
        0xFF3F...0xFF3F, 0x10D6E...0x10D6E, 0x10EAD...0x10EAD,
    ]

    /// Whether `text` holds a CPR shape anywhere.
    public static func finds(in text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ finds(inUTF8: $0) }) { return found }
        return finds(inUTF8: text.utf8)
    }

    /// Whether the UTF-8 `bytes` hold a CPR shape anywhere; a malformed sequence counts as a character that is
    /// neither a digit nor a separator.
    public static func finds<Bytes: Sequence<UInt8>>(inUTF8 bytes: Bytes) -> Bool {
        // The run of digit groups joined by separators: its last ten digits, four bits each, the latest lowest; one
        // bit per digit, set when it begins a group (no digit directly before it); how many digits, up to ten.
        var digits: UInt64 = 0
        var groupStarts: UInt16 = 0
        var count = 0
        /// The previous character was a digit.
        var inGroup = false
        /// The scalar being decoded and the continuation bytes it still needs.
        var scalar: UInt32 = 0
        var pending = 0
        for byte in bytes {
            if pending > 0 {
                if byte & 0xC0 == 0x80 {
                    scalar = scalar << 6 | UInt32(byte & 0x3F)
                    pending -= 1
                    if pending == 0, !isSeparator(scalar) { count = 0 }
                    continue
                }
                // A sequence cut short is a character that is neither a digit nor a separator.
                pending = 0
                count = 0
            }
            if byte &- UInt8(ascii: "0") < 10 {
                digits = (digits << 4 | UInt64(byte &- UInt8(ascii: "0"))) & 0xFF_FFFF_FFFF
                groupStarts = (groupStarts << 1 | (inGroup ? 0 : 1)) & 0x3FF
                count = count < 10 ? count + 1 : 10
                inGroup = true
                continue
            }
            // Any other byte ends a digit group: a CPR shape when the run's last ten digits begin with a group and
            // a real date. What the byte begins decides whether the run goes on.
            if inGroup, count == 10, groupStarts & 0x200 != 0, isShape(digits) { return true }
            inGroup = false
            switch byte {
            case 0..<0x80: if !isASCIISeparator(byte) { count = 0 }
            case 0xF0...: (scalar, pending) = (UInt32(byte & 0x07), 3)
            case 0xE0...: (scalar, pending) = (UInt32(byte & 0x0F), 2)
            case 0xC0...: (scalar, pending) = (UInt32(byte & 0x1F), 1)
            default: count = 0
            }
        }
        return inGroup && count == 10 && groupStarts & 0x200 != 0 && isShape(digits)
    }

    /// Whether a Unicode scalar may stand between the digits of a CPR number.
    public static func isSeparator(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isASCIISeparator(UInt8(scalar)) }
        for range in separators where range.upperBound >= scalar { return range.lowerBound <= scalar }
        return false
    }

    /// The refusal of a field whose text holds a CPR shape: names the field and the rule `cpr`, never the text.
    public static func error(field: String) -> FieldError {
        FieldError(
            field: field, rule: .cpr,
            message:
                "\(field) must not contain a CPR number (six digits of a real date and four more, with or without separators)"
        )
    }

    private static func isASCIISeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// Whether ten digits (four bits each, the first highest) begin with a real date `DDMMYY` and `S`.
    private static func isShape(_ digits: UInt64) -> Bool {
        func digit(_ position: Int) -> Int { Int(digits >> UInt64(36 - 4 * position) & 0xF) }
        return CPRNumber.birthDate(
            day: digit(0) * 10 + digit(1), month: digit(2) * 10 + digit(3), year: digit(4) * 10 + digit(5),
            seventh: digit(6)) != nil
    }
}
