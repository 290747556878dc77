import Foundation
import SporInstruments

extension FollowUpSummary: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("asOf")
            json.date(asOf)
            json.key("citizen")
            json.string(citizen)
            json.key("instruments")
            json.array { json in
                for instrument in instruments { instrument.write(to: &json) }
            }
            json.key("since")
            json.date(since)
        }
    }
}

extension InstrumentSummary {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            if let baseline {
                json.key("baseline")
                baseline.write(to: &json)
            }
            if let changeSinceBaseline {
                json.key("changeSinceBaseline")
                changeSinceBaseline.write(to: &json)
            }
            if let changeSinceFollowUp {
                json.key("changeSinceFollowUp")
                changeSinceFollowUp.write(to: &json)
            }
            json.key("currentFlags")
            json.flags(currentFlags)
            json.key("incompleteSince")
            json.integer(incompleteSince)
            json.key("instrument")
            json.string(instrument.rawValue)
            if let lastBeforeSince {
                json.key("lastBeforeSince")
                lastBeforeSince.write(to: &json)
            }
            if let latest {
                json.key("latest")
                latest.write(to: &json)
            }
            json.key("notes")
            json.array { json in
                for note in notes {
                    json.object { json in
                        json.key("code")
                        json.string(note.code)
                        json.key("text")
                        json.localized(note.text)
                    }
                }
            }
            json.key("responsesSince")
            json.integer(responsesSince)
            json.key("text")
            json.localized(text)
        }
    }
}

extension InstrumentSummary.Point {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("administeredAt")
            json.date(administeredAt)
            json.key("flags")
            json.flags(flags)
            json.key("id")
            json.uuid(id)
            json.key("score")
            json.integer(score)
        }
    }
}

extension JSONWriter {
    mutating func localized(_ text: LocalizedText) {
        object { json in
            json.key("da")
            json.string(text.da)
            json.key("en")
            json.string(text.en)
        }
    }
}
