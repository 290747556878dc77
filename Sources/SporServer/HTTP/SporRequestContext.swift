public import Hummingbird
public import SporApplication

/// The request context of every route: Hummingbird's core storage and the caller's identity once the bearer
/// token is checked.
public struct SporRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthMiddleware`` for every request that reaches a route.
    public var identity: Identity?
    /// The web session the identity comes from, on the web pages.
    var session: WebSession?
    /// The request carried a session cookie whose session has expired.
    var sessionExpired = false

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }

    /// Bodies are read with their own, smaller limits; this bounds anything else.
    public var maxUploadSize: Int { RequestLimits.batchBody }
}
