import Foundation
public import SporInstruments

extension JSONValue {
    /// Compact JSON text for this value, so tests can turn a parsed fixture back into input bytes exactly.
    public var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let value): return JSONWriter.quoted(value)
        case .array(let values): return "[" + values.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { JSONWriter.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",")
                + "}"
        }
    }

    /// The member named `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is one.
    public var intValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

}

/// Reads a JSON fixture file under `Fixtures/`.
public func loadFixture(_ path: String) throws -> JSONValue {
    try JSONParser.parse(Array(try Data(contentsOf: Repository.fixture(path))))
}
