import SporInstruments

/// The attention list written by hand, the bytes `JSONEncoder` with sorted keys gives: encoding a list of 100
/// citizens with the encoder took longer than choosing them from the kept list.
extension AttentionList: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("asOf")
            json.date(asOf)
            json.key("entries")
            json.array { json in
                for entry in entries { entry.write(to: &json) }
            }
            json.key("silenceDays")
            json.integer(silenceDays)
            json.key("total")
            json.integer(total)
        }
    }
}

extension AttentionEntry {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("citizen")
            json.string(citizen)
            json.key("lastResponse")
            json.date(lastResponse)
            json.key("reasons")
            json.array { json in
                for reason in reasons { reason.write(to: &json) }
            }
            if let unit {
                json.key("unit")
                json.string(unit)
            }
        }
    }
}

extension AttentionReason {
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("administeredAt")
            json.date(administeredAt)
            if let change {
                json.key("change")
                json.integer(change)
            }
            json.key("code")
            json.string(code.rawValue)
            if let instrument {
                json.key("instrument")
                json.string(instrument.rawValue)
            }
            if let score {
                json.key("score")
                json.integer(score)
            }
            json.key("text")
            json.localized(text)
        }
    }
}
