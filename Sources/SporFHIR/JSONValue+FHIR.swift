import SporInstruments

extension JSONValue {
    /// An object of the members given, in order, leaving out those that are `nil`: FHIR omits absent elements.
    static func fields(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key: key, value: $0) } })
    }
}
