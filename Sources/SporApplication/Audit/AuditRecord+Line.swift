import Foundation
import SporInstruments

extension AuditRecord {
    /// The record as JSON with sorted keys and the time in UTC to the millisecond (`2026-11-23T09:30:00.123Z`),
    /// written by hand because one is written for every read of a citizen. ``AuditTrail`` frames it into a line.
    var json: String {
        var text = #"{"at":""#
        text += Self.timestamp(at)
        text += #"","citizen":"#
        text += citizen.map { JSONWriter.quoted($0.rawValue) } ?? "null"
        text += #","endpoint":"#
        text += JSONWriter.quoted(endpoint)
        text += #","role":"#
        text += JSONWriter.quoted(role.rawValue)
        text += #","who":"#
        text += JSONWriter.quoted(who)
        text += "}"
        return text
    }

    /// `YYYY-MM-DDThh:mm:ss.fffZ`, milliseconds truncated.
    static func timestamp(_ date: Date) -> String {
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
