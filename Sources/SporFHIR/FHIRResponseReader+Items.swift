import SporInstruments

extension FHIRResponseReader {
    /// Reads the answers by linkId: `valueInteger` as given (validation checks its range), `valueCoding` through
    /// the instrument's answer codes; an item left out is unanswered.
    func readItems(_ value: JSONValue?, form: FHIRInstrument, into reading: inout FHIRReading) {
        var answers = [JSONValue](repeating: .null, count: form.linkIDs.count)
        let items: [JSONValue]
        switch value {
        case nil: items = []
        case .array(let elements)?: items = elements
        case let other?:
            reading.errors.append(
                FieldError(
                    field: "\(Self.root).item", rule: .type, message: "item must be an array, not \(other.typeName)"))
            items = []
        }
        var seen = Set<Int>()
        for (position, item) in items.enumerated() {
            let path = "\(Self.root).item[\(position)]"
            guard let linkID = item["linkId"] else {
                reading.errors.append(
                    FieldError(
                        field: "\(path).linkId", rule: .required, message: "item[\(position)].linkId is required"))
                continue
            }
            guard case .string(let text) = linkID, let index = form.linkIDs.firstIndex(of: text) else {
                reading.errors.append(
                    FieldError(
                        field: "\(path).linkId", rule: .unknownField,
                        message:
                            "item[\(position)].linkId must be one of the Questionnaire's: \(form.linkIDs.joined(separator: ", "))"
                    ))
                continue
            }
            guard seen.insert(index).inserted else {
                reading.errors.append(
                    FieldError(
                        field: "\(path).linkId", rule: .duplicateField, message: "item \(text) is given more than once")
                )
                continue
            }
            reading.answerPaths[index] = "\(path).answer"
            if item["item"] != nil {
                reading.errors.append(
                    FieldError(field: "\(path).item", rule: .unknownField, message: "item \(text) has no nested items"))
            }
            let answerList: [JSONValue]
            switch item["answer"] {
            case nil: answerList = []
            case .array(let elements)?: answerList = elements
            case let other?:
                reading.errors.append(
                    FieldError(
                        field: "\(path).answer", rule: .type,
                        message: "item \(text)'s answer must be an array, not \(other.typeName)"))
                continue
            }
            guard answerList.count <= 1 else {
                reading.errors.append(
                    FieldError(
                        field: "\(path).answer", rule: .count, message: "item \(text) must have at most one answer"))
                continue
            }
            guard let answer = answerList.first else { continue }
            let answerPath = "\(path).answer[0]"
            if let integer = answer["valueInteger"] {
                answers[index] = integer
                reading.answerPaths[index] = "\(answerPath).valueInteger"
            } else if let coding = answer["valueCoding"] {
                let value = form.value(
                    item: index, system: coding["system"]?.stringValue, code: coding["code"]?.stringValue)
                if let value {
                    answers[index] = .integer(value)
                } else {
                    reading.errors.append(
                        FieldError(
                            field: "\(answerPath).valueCoding", rule: .range,
                            message:
                                "item \(text)'s valueCoding must be one of the Questionnaire's answer options (Spor's or KL's codes)"
                        ))
                }
            } else {
                reading.errors.append(
                    FieldError(
                        field: answerPath, rule: .type,
                        message: "item \(text)'s answer must be a valueInteger or a valueCoding"))
            }
        }
        reading.raw.answers = .array(answers)
    }
}
