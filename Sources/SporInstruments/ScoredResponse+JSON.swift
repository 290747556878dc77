import Foundation

extension ScoredResponse {
    /// The bytes `JSONEncoder` with sorted keys and unescaped slashes writes for the response, written by hand:
    /// every durable write is answered with it, and the encoder cost more than the rest of the answer.
    public var json: [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.object { json in
            json.key("administeredAt")
            json.date(response.administeredAt)
            json.key("answers")
            json.array { json in
                for answer in score.answers { json.integer(answer) }
            }
            if !score.profile.isEmpty {
                json.key("chime")
                json.object { json in
                    for entry in score.profile.sorted(by: { $0.domain < $1.domain }) {
                        json.dynamicKey(entry.domain)
                        json.integer(entry.value)
                    }
                }
            }
            json.key("citizen")
            json.string(response.citizen.rawValue)
            json.key("complete")
            json.bool(score.complete)
            json.key("definitionVersion")
            json.string(score.version)
            json.key("flags")
            json.array { json in
                for flag in score.flags { json.string(flag.rawValue) }
            }
            json.key("id")
            json.uuid(response.id)
            json.key("instrument")
            json.string(score.instrument.rawValue)
            if let intervention = response.intervention {
                json.key("intervention")
                json.string(intervention.rawValue)
            }
            if let mode = response.mode {
                json.key("mode")
                json.string(mode.rawValue)
            }
            json.key("raw")
            json.integer(score.raw)
            json.key("score")
            json.integer(score.score)
            if let unit = response.unit {
                json.key("unit")
                json.string(unit.rawValue)
            }
        }
        return json.bytes
    }
}
