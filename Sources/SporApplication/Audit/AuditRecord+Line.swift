import Foundation
import SporInstruments

extension AuditRecord {
    /// The record as JSON with sorted keys and the time in UTC to the millisecond (`2026-11-23T09:30:00.123Z`),
    /// written by hand because one is written for every read of a citizen. ``AuditTrail`` frames it into a line.
    var json: String {
        var text = #"{"at":""#
        text += UTCTimestamp.text(at)
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
}
