/// The fields of a response as given, before validation: from a JSON object, a CSV row or CLI flags.
///
/// Absent fields are `nil`; a field given as JSON `null` is `.null`.
public struct RawResponse: Sendable {
    /// The contract's field names, in the order errors are reported.
    public static let fieldNames = [
        "id", "citizen", "cpr", "instrument", "administeredAt", "answers", "unit", "intervention", "mode",
    ]

    public var id: JSONValue?
    public var citizen: JSONValue?
    public var cpr: JSONValue?
    public var instrument: JSONValue?
    public var administeredAt: JSONValue?
    public var answers: JSONValue?
    public var unit: JSONValue?
    public var intervention: JSONValue?
    public var mode: JSONValue?
    /// The positions (1-based, in the order given) of fields the contract does not know: their names are never
    /// repeated, since a caller may have typed anything there.
    public var unknownFields: [Int] = []
    /// Names of fields given more than once.
    public var duplicateFields: [String] = []

    public init() {}

    /// Reads the fields of a JSON value; anything but an object yields a `type` error at validation.
    public init(json: JSONValue) {
        guard case .object(let members) = json else {
            notAnObject = true
            return
        }
        for (key, value) in members {
            set(key, value)
        }
    }

    /// Sets a field by its contract name, recording unknown and duplicate names.
    public mutating func set(_ name: String, _ value: JSONValue) {
        fieldCount += 1
        let keyPath: WritableKeyPath<RawResponse, JSONValue?>
        switch name {
        case "id": keyPath = \.id
        case "citizen": keyPath = \.citizen
        case "cpr": keyPath = \.cpr
        case "instrument": keyPath = \.instrument
        case "administeredAt": keyPath = \.administeredAt
        case "answers": keyPath = \.answers
        case "unit": keyPath = \.unit
        case "intervention": keyPath = \.intervention
        case "mode": keyPath = \.mode
        default:
            unknownFields.append(fieldCount)
            return
        }
        if self[keyPath: keyPath] != nil { duplicateFields.append(name) }
        self[keyPath: keyPath] = value
    }

    /// Set when the JSON document was not an object at all.
    var notAnObject = false
    /// The fields given so far, known or not.
    private var fieldCount = 0
}
