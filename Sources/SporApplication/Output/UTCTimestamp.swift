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
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millisecond = millisecondOfDay % 1000
        let second = millisecondOfDay / 1000
        return
            "\(CalendarDate(daysSinceEpoch: dayNumber))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))."
            + (millisecond < 10 ? "00" : millisecond < 100 ? "0" : "") + "\(millisecond)Z"
    }
}
