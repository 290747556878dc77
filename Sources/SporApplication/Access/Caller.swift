import SporInstruments

/// Who asks a use case for something, and through which door: a bearer token (the API and the web pages) or a
/// command at the terminal. The CLI works on the data folder with the operating system's file permissions, so it
/// acts as `admin`. What a caller writes is signed with its author (`Caller+Author.swift`).
public struct Caller: Hashable, Sendable {
    /// The door the request came through; it decides what an event's author reads.
    public enum Channel: Hashable, Sendable {
        /// A bearer token, by its name and role.
        case token
        /// A CLI command, by the operating-system user (a file import adds the file's SHA-256).
        case cli
    }

    /// The name written to the audit trail and the role and units the access policy looks at.
    public var identity: Identity
    public var channel: Channel

    public init(identity: Identity, channel: Channel) {
        self.identity = identity
        self.channel = channel
    }

    /// A request made with a bearer token.
    public static func token(_ identity: Identity) -> Caller {
        Caller(identity: identity, channel: .token)
    }

    /// A CLI command run by `user` (default: the operating-system user running it).
    public static func cli(user: String = OperatingSystemUser.name) -> Caller {
        Caller(identity: Identity(name: user, role: .admin, units: []), channel: .cli)
    }

    public var role: Role { identity.role }
}
