import Foundation
import SporInstruments

/// An instant as `YYYY-MM-DDThh:mm:ss.fffZ`, in UTC, milliseconds truncated: the time of an audit line and of a log
/// line. Computed from the instant's milliseconds, without a calendar, a locale or the time zone file.
enum UTCTimestamp {
    /// `date` as text, such as `2000-02-29T00:00:00.007Z`.
    static func text(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, inDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, millisecondOfDay) = inDay < 0 ? (days - 1, inDay + 86_400_000) : (days, inDay)
        let day = CalendarDate(daysSinceEpoch: dayNumber)
        guard (0...9999).contains(day.year) else { return "\(day)T" + time(millisecondOfDay) }
        // Written digit by digit into the string's own storage: a line is timed for every request.
        return String(unsafeUninitializedCapacity: 24) { text in
            var index = 0
            func put(_ value: Int, digits: Int) {
                var rest = value
                for offset in stride(from: digits - 1, through: 0, by: -1) {
                    text[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += digits
            }
            func put(_ character: Unicode.Scalar) {
                text[index] = UInt8(ascii: character)
                index += 1
            }
            let second = millisecondOfDay / 1000
            put(day.year, digits: 4)
            put("-")
            put(day.month, digits: 2)
            put("-")
            put(day.day, digits: 2)
            put("T")
            put(second / 3600, digits: 2)
            put(":")
            put(second / 60 % 60, digits: 2)
            put(":")
            put(second % 60, digits: 2)
            put(".")
            put(millisecondOfDay % 1000, digits: 3)
            put("Z")
            return index
        }
    }

    /// `hh:mm:ss.fffZ` of a millisecond of the day, for a year outside 0–9999.
    private static func time(_ millisecondOfDay: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millisecond = millisecondOfDay % 1000
        let second = millisecondOfDay / 1000
        return "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))."
            + (millisecond < 10 ? "00" : millisecond < 100 ? "0" : "") + "\(millisecond)Z"
    }
}
