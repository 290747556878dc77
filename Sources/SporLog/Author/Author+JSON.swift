public import SporInstruments

/// The JSON form of an author, one object with sorted keys: `{"kind":"token","name":"anna","role":"staff"}`,
/// `{"kind":"cli","user":"ole"}`, `{"kind":"import","sha256":"3a13…","user":"ole"}` or `{"kind":"unknown"}`.
extension Author: Encodable {
    /// Writes the author as one JSON object.
    public func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.key("kind")
            json.string(kind)
            switch self {
            case .token(let name, let role):
                json.key("name")
                json.string(name.rawValue)
                json.key("role")
                json.string(role.rawValue)
            case .cli(let user):
                json.key("user")
                json.string(user.rawValue)
            case .import(let user, let digest):
                json.key("sha256")
                json.string(digest.hex)
                json.key("user")
                json.string(user.rawValue)
            case .unknown:
                break
            }
        }
    }

    /// The author as a JSON object on its own.
    public var json: String {
        var writer = JSONWriter(capacity: 128)
        write(to: &writer)
        return writer.text
    }

    private enum Key: String, CodingKey {
        case kind, name, role, sha256, user
    }

    /// The same members as ``write(to:)``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .token(let name, let role):
            try container.encode(name.rawValue, forKey: .name)
            try container.encode(role.rawValue, forKey: .role)
        case .cli(let user):
            try container.encode(user.rawValue, forKey: .user)
        case .import(let user, let digest):
            try container.encode(digest.hex, forKey: .sha256)
            try container.encode(user.rawValue, forKey: .user)
        case .unknown:
            break
        }
    }
}
