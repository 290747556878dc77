/// A Danish CPR number, checked for form and calendar date; it never describes itself.
///
/// `description`, `debugDescription` and reflection print `******-****`, so interpolating a CPR
/// number into a log line or an error message cannot leak it. Turn it into a ``CitizenID`` with a
/// keyed hash before anything is stored (the log module's pseudonymiser does that).
public struct CPRNumber: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The ten digits, without the hyphen. Handle with care: this is the only way to reach them.
    public let digits: String
    /// The birth date encoded in the number, with the century from the seventh digit.
    public let birthDate: CalendarDate

    /// Why a text is not a CPR number.
    public enum Problem: Error, Hashable, Sendable {
        /// Not `DDMMYY-SSSS` or `DDMMYYSSSS`.
        case format
        /// The digits do not hold a real calendar date.
        case date
    }

    /// Parses `DDMMYY-SSSS` or `DDMMYYSSSS`.
    public init(parsing text: String) throws(CPRNumber.Problem) {
        guard let digits = CPRNumber.shape(of: text) else { throw .format }
        let d = digits.map { Int($0 - UInt8(ascii: "0")) }
        guard
            let date = CPRNumber.birthDate(
                day: d[0] * 10 + d[1], month: d[2] * 10 + d[3], year: d[4] * 10 + d[5], seventh: d[6])
        else { throw .date }
        self.digits = String(decoding: digits, as: UTF8.self)
        self.birthDate = date
    }

    /// The birth date of the first seven digits `DDMMYY` and `S`, with the century from the seventh digit by the CPR
    /// office's rule (0–3 → 19YY; 4 and 9 → 20YY when YY ≤ 36, else 19YY; 5–8 → 20YY when YY ≤ 57, else 18YY), or
    /// `nil` when they do not form a real calendar date.
    static func birthDate(day: Int, month: Int, year yy: Int, seventh: Int) -> CalendarDate? {
        let century: Int
        switch seventh {
        case 0...3: century = 1900
        case 4, 9: century = yy <= 36 ? 2000 : 1900
        default: century = yy <= 57 ? 2000 : 1800
        }
        return CalendarDate(year: century + yy, month: month, day: day)
    }

    /// The ten digits of `text` if it has the shape of a CPR number, else `nil`.
    static func shape(of text: String) -> [UInt8]? {
        var bytes = Array(text.utf8)
        if bytes.count == 11, bytes[6] == UInt8(ascii: "-") { bytes.remove(at: 6) }
        guard bytes.count == 10, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return bytes
    }

    public var description: String { "******-****" }
    public var debugDescription: String { "CPRNumber(******-****)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
