import Foundation
import Synchronization

/// The live web sessions, in memory: a restart of the daemon signs everyone out.
final class SessionStore: Sendable {
    /// The name of the session cookie.
    static let cookieName = "spor_session"

    /// What a session cookie refers to.
    enum Lookup: Sendable {
        case live(WebSession)
        /// The session existed and has expired.
        case expired
        case unknown
    }

    private let sessions = Mutex<[String: WebSession]>([:])
    let lifetime: Duration

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// Starts a session for the token with this hash.
    func create(tokenHash: String, now: Date) -> WebSession {
        let session = WebSession(
            id: Self.randomToken(), tokenHash: tokenHash, csrf: Self.randomToken(),
            expires: now.addingTimeInterval(Double(lifetime.components.seconds)))
        sessions.withLock { sessions in
            // Expired sessions are kept a day, so a browser coming back is told its session expired.
            sessions = sessions.filter { $0.value.expires.addingTimeInterval(24 * 3600) > now }
            sessions[session.id] = session
        }
        return session
    }

    func lookup(_ id: String, now: Date) -> Lookup {
        sessions.withLock { sessions in
            guard let session = sessions[id] else { return .unknown }
            return session.expires > now ? .live(session) : .expired
        }
    }

    /// Ends a session (sign-out).
    func remove(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// 32 random bytes, base64url without padding: a session id or a form token.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
