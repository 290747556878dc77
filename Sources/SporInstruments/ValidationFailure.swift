/// Every rule an input broke; nothing is written when this is thrown.
public struct ValidationFailure: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
