import Foundation

/// A sign-in to the web pages: which token it acts as (by its hash, so a revoked token ends the session), the
/// form token every form of the session carries, and when it expires.
struct WebSession: Sendable {
    /// The value of the session cookie.
    var id: String
    /// The SHA-256 of the token given at sign-in; the token itself is not kept.
    var tokenHash: String
    /// The CSRF token every form of this session carries in the `csrf` field.
    var csrf: String
    var expires: Date
}
