public import SporInstruments

/// Why a use case refused: what every adapter turns into its own answer (an HTTP status and problem, an error page,
/// a message and exit status). Messages never repeat a value the caller sent.
public struct UseCaseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of refusal.
    public enum Code: String, Hashable, Sendable {
        /// The input breaks rules; ``UseCaseError/fieldErrors`` names each field and rule.
        case invalid
        /// The caller's role may not do this at all.
        case forbidden
        /// No such response or citizen, or none the caller may see: the two answer alike.
        case notFound
        /// The request contradicts what is stored (an id stored with other content, a retracted response).
        case conflict
        /// The storage cannot serve the request now.
        case unavailable
    }

    public var code: Code
    public var message: String
    public var fieldErrors: [FieldError]

    public init(_ code: Code, _ message: String, fieldErrors: [FieldError] = []) {
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
    }

    /// Input that breaks rules.
    public static func invalid(_ errors: [FieldError]) -> UseCaseError {
        UseCaseError(.invalid, errors.map(\.description).joined(separator: "; "), fieldErrors: errors)
    }

    static func unavailable(_ message: String) -> UseCaseError { UseCaseError(.unavailable, message) }

    /// The one answer for a response that is unknown or outside the caller's units.
    static let unknownResponse = UseCaseError(.notFound, "No response with that id is stored.")
    /// The one answer for a citizen that is unknown or has no response in the caller's units.
    static let unknownCitizen = UseCaseError(.notFound, "No responses are stored for that citizen.")

    public var description: String { message }
}
