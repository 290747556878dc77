/// A report request that cannot be answered, naming the field and the rule; never any citizen data.
public struct ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The request field at fault, such as `minCell` or `instrument`.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
