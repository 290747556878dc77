public import Foundation

/// A day in the proleptic Gregorian calendar, without time or zone: the day the citizen answered.
///
/// A date-time with an offset (`2026-03-14T09:30:00+01:00`) is reduced to its date as written,
/// which is the local date where the questionnaire was given.
public struct CalendarDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date if `year-month-day` is a real calendar date in years 1–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the date `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`, or an ISO 8601 date-time with `Z` or an offset (`YYYY-MM-DDThh:mm[:ss[.fff]]±hh:mm`).
    public init?(iso8601 text: String) {
        var utf8 = Array(text.utf8)
        guard utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
            let year = Self.number(utf8[0..<4]), let month = Self.number(utf8[5..<7]),
            let day = Self.number(utf8[8..<10])
        else { return nil }
        if utf8.count > 10 {
            utf8.removeFirst(10)
            guard Self.isTimeWithOffset(utf8) else { return nil }
        }
        self.init(year: year, month: month, day: day)
    }

    /// Today's date in a time zone (Spor's deployments use Europe/Copenhagen).
    public static func today(in timeZone: TimeZone = CalendarDate.denmark, now: Date = Date()) -> CalendarDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: now)
        return CalendarDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Europe/Copenhagen where the system has time zone data, else the system's own zone.
    public static let denmark: TimeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .current

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 date")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `Thh:mm[:ss[.f+]]` followed by `Z` or `±hh:mm`, with every field in range.
    private static func isTimeWithOffset(_ bytes: [UInt8]) -> Bool {
        var rest = bytes[...]
        guard rest.first == UInt8(ascii: "T") || rest.first == UInt8(ascii: "t") || rest.first == UInt8(ascii: " ")
        else { return false }
        rest = rest.dropFirst()
        guard rest.count >= 5, let hour = number(rest.prefix(2)), hour < 24,
            rest.dropFirst(2).first == UInt8(ascii: ":"),
            let minute = number(rest.dropFirst(3).prefix(2)), minute < 60
        else { return false }
        rest = rest.dropFirst(5)
        if rest.first == UInt8(ascii: ":") {
            guard let second = number(rest.dropFirst().prefix(2)), rest.count >= 3, second < 61 else { return false }
            rest = rest.dropFirst(3)
            if rest.first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
                let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                guard !digits.isEmpty else { return false }
                rest = rest.dropFirst(digits.count)
            }
        }
        if rest.elementsEqual([UInt8(ascii: "Z")]) || rest.elementsEqual([UInt8(ascii: "z")]) { return true }
        guard rest.count == 6, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"),
            let hours = number(rest.dropFirst().prefix(2)), hours <= 14, rest.dropFirst(3).first == UInt8(ascii: ":"),
            let minutes = number(rest.dropFirst(4)), minutes < 60
        else { return false }
        return true
    }
}
