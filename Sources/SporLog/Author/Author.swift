/// Who wrote an event to the log (docs/data-contract.md, "Events in the log"): every recorded, corrected and retracted response names
/// its author.
///
/// ```swift
/// let author = Author.token(name: AuthorName(rawValue: "anna")!, role: AuthorName(rawValue: "staff")!)
/// _ = try await log.append([.responseRecorded(response, definitionVersion: "1")], author: author)
/// ```
public enum Author: Hashable, Sendable, CustomStringConvertible {
    /// A request of the API or the web pages, made with the bearer token or session of this name and role.
    case token(name: AuthorName, role: AuthorName)
    /// A `spor` command (record, correct, retract) run by this operating-system user.
    case cli(user: AuthorName)
    /// `spor import` of a file with this SHA-256, run by this operating-system user.
    case `import`(user: AuthorName, fileSHA256: FileDigest)
    /// An event written before authors were recorded (a record of format version 1). New events never have it.
    case unknown

    /// The kind's name, as `spor log dump` writes it: `token`, `cli`, `import` or `unknown`.
    public var kind: String {
        switch self {
        case .token: "token"
        case .cli: "cli"
        case .import: "import"
        case .unknown: "unknown"
        }
    }

    /// A short readable form: `anna (staff)`, `ole (cli)`, `ole (import of sha256 3a13…)`, `unknown`.
    public var description: String {
        switch self {
        case .token(let name, let role): "\(name) (\(role))"
        case .cli(let user): "\(user) (cli)"
        case .import(let user, let digest): "\(user) (import of sha256 \(digest.hex.prefix(12))…)"
        case .unknown: "unknown"
        }
    }
}
