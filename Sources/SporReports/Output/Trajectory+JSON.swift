import Foundation
import SporInstruments
import SporLog

extension Trajectory: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("citizen")
            json.string(citizen)
            json.key("history")
            json.bool(history)
            json.key("instruments")
            json.array { json in
                for instrument in instruments { instrument.write(to: &json) }
            }
        }
    }
}

extension InstrumentTrajectory {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            if let cutoff {
                json.key("cutoff")
                json.integer(cutoff)
            }
            json.key("instrument")
            json.string(instrument.rawValue)
            json.key("points")
            json.array { json in
                for point in points { point.write(to: &json) }
            }
            json.key("threshold")
            json.integer(threshold)
        }
    }
}

extension TrajectoryPoint {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("administeredAt")
            json.date(administeredAt)
            json.key("answers")
            json.answers(answers)
            json.key("baseline")
            json.bool(baseline)
            if let changeSinceBaseline {
                json.key("changeSinceBaseline")
                changeSinceBaseline.write(to: &json)
            }
            if let changeSincePrevious {
                json.key("changeSincePrevious")
                changeSincePrevious.write(to: &json)
            }
            if let chime {
                json.key("chime")
                json.array { json in
                    for item in chime {
                        json.object { json in
                            json.key("domain")
                            json.string(item.domain)
                            if let value = item.value {
                                json.key("value")
                                json.integer(value)
                            }
                        }
                    }
                }
            }
            json.key("complete")
            json.bool(complete)
            json.key("corrected")
            json.bool(corrected)
            json.key("definitionVersion")
            json.string(definitionVersion)
            json.key("flags")
            json.flags(flags)
            json.key("id")
            json.uuid(id)
            if let intervention {
                json.key("intervention")
                json.string(intervention)
            }
            if let mode {
                json.key("mode")
                json.string(mode.rawValue)
            }
            if let raw {
                json.key("raw")
                json.integer(raw)
            }
            json.key("retracted")
            json.bool(retracted)
            if let revisions {
                json.key("revisions")
                json.array { json in
                    for revision in revisions { revision.write(to: &json) }
                }
            }
            if let score {
                json.key("score")
                json.integer(score)
            }
            if let unit {
                json.key("unit")
                json.string(unit)
            }
        }
    }
}

extension ResponseRevision {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            if let response {
                json.key("administeredAt")
                json.date(response.administeredAt)
                json.key("answers")
                json.answers(response.answers)
            }
            json.key("author")
            author.write(to: &json)
            if let response {
                json.key("citizen")
                json.string(response.citizen.rawValue)
                json.key("definitionVersion")
                json.string(definitionVersion)
                json.key("intervention")
                json.string(response.intervention?.rawValue)
            }
            json.key("kind")
            json.string(kind.rawValue)
            if let response {
                json.key("mode")
                json.string(response.mode?.rawValue)
            }
            json.key("reason")
            json.string(reason)
            json.key("recordedAtMillis")
            json.integer(recordedAtMillis)
            json.key("sequence")
            json.integer(sequence)
            if let response {
                json.key("unit")
                json.string(response.unit?.rawValue)
            }
        }
    }
}

extension ScoreChange {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("crossedCutoff")
            json.bool(crossedCutoff)
            json.key("delta")
            json.integer(delta)
            json.key("direction")
            json.string(direction.rawValue)
        }
    }
}

extension JSONWriter {
    /// Item values, `null` for an unanswered item.
    mutating func answers(_ answers: [Int?]) {
        array { json in
            for answer in answers { json.integer(answer) }
        }
    }

    mutating func flags(_ flags: [Flag]) {
        array { json in
            for flag in flags { json.string(flag.rawValue) }
        }
    }
}
