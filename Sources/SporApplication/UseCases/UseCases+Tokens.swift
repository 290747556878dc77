import Foundation
public import SporInstruments

extension UseCases {
    /// Creates a token and returns it: the only time its value is ever available.
    public func createToken(
        name: String, role: Role, units: [Label], by caller: Caller
    ) async throws -> (token: String, record: TokenRecord) {
        _ = try AccessPolicy.responses(caller, .manageTokens)
        if let store = folder.store {
            return try await store.tokens.create(name: name, role: role, units: units, now: now())
        }
        return try folder.tokens.create(name: name, role: role, units: units, now: now())
    }

    /// Every token, revoked ones included, in the order they were created; never the tokens themselves.
    public func tokens(by caller: Caller) async throws -> [TokenRecord] {
        _ = try AccessPolicy.responses(caller, .manageTokens)
        if let store = folder.store { return try await store.tokens.list() }
        return try folder.tokens.list()
    }

    /// Revokes the token named `name`: refused from the next request on.
    @discardableResult
    public func revokeToken(name: String, by caller: Caller) async throws -> TokenRecord {
        _ = try AccessPolicy.responses(caller, .manageTokens)
        if let store = folder.store { return try await store.tokens.revoke(name: name, now: now()) }
        return try folder.tokens.revoke(name: name, now: now())
    }

    /// The identity of a live bearer token, or `nil` for an unknown or revoked one.
    public func identity(forToken token: String) throws -> Identity? {
        try identity(forTokenHash: TokenStore.hash(token))
    }

    /// The identity of the live token with this SHA-256, as a web session keeps it.
    public func identity(forTokenHash hash: String) throws -> Identity? {
        if let store = folder.store { return store.tokens.identity(hash: hash) }
        return try folder.tokens.identity(hash: hash)
    }
}
