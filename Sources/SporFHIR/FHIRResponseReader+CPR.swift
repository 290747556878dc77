import SporInstruments

extension FHIRResponseReader {
    /// Refuses every text that holds a CPR number, except the values handed on to validation (which checks them
    /// by the same rule, the `cpr` field alone allowed one).
    func scanForCPR(_ value: JSONValue, path: String, into reading: inout FHIRReading) {
        switch value {
        case .string(let text):
            if !reading.consumed.contains(path), CPRDetector.finds(in: text) {
                reading.errors.append(CPRDetector.error(field: path))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                scanForCPR(element, path: "\(path)[\(index)]", into: &reading)
            }
        case .object(let members):
            for member in members {
                if CPRDetector.finds(in: member.key) {
                    // Refused where the key stands; a path through the key would carry the number into the error.
                    reading.errors.append(CPRDetector.error(field: path))
                    continue
                }
                scanForCPR(member.value, path: "\(path).\(member.key)", into: &reading)
            }
        default: break
        }
    }
}
