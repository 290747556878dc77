import Foundation

/// Encodes a value with Foundation's encoder, as the CLI and server do.
func encodeJSON(_ value: some Encodable) throws -> [UInt8] {
    Array(try JSONEncoder().encode(value))
}
