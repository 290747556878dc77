/// Why a token operation was refused. Messages name the token by its name, never its value.
public struct TokenError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A name that is not 1–64 of `A–Z a–z 0–9 . _ -`, or already taken.
        case invalidName
        /// Units that do not fit the role: staff needs at least one, the other roles take none.
        case invalidUnits
        /// No token has that name.
        case unknownName
        /// The token was revoked before.
        case alreadyRevoked
        /// `tokens.json` cannot be read or written.
        case storage
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
