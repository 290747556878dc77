/// How the web pages, their sessions and the attention list behave.
public struct WebSettings: Sendable {
    /// A citizen with no response for more than this many days is on the attention list.
    public var attentionSilenceDays: Int
    /// How long a sign-in lasts; the session cookie and the server's record of it expire together.
    public var sessionLifetime: Duration
    /// The daemon is reached through a TLS-terminating proxy: session cookies are marked `Secure`.
    public var behindTLS: Bool

    public init(
        attentionSilenceDays: Int = 120, sessionLifetime: Duration = .seconds(8 * 3600), behindTLS: Bool = false
    ) {
        self.attentionSilenceDays = attentionSilenceDays
        self.sessionLifetime = sessionLifetime
        self.behindTLS = behindTLS
    }
}
