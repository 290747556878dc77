/// What a store keeps beside its log and `spor store copy` carries with it (docs/postgresql.md): the tokens'
/// records (`spor_tokens`), the access audit trail (`spor_audit`) and the trend releases (`spor_releases`).
public struct PostgresSideTables: Hashable, Sendable {
    /// One token's record as `tokens.json` holds it (JSON text; never the token itself).
    public struct Token: Hashable, Sendable {
        public var name: String
        public var record: String

        public init(name: String, record: String) {
            self.name = name
            self.record = record
        }
    }

    /// One line of the audit trail: its JSON and its CHAIN.
    public struct AuditLine: Hashable, Sendable {
        public var json: String
        public var chain: String

        public init(json: String, chain: String) {
            self.json = json
            self.chain = chain
        }
    }

    /// One trend release: its id and its JSON, byte for byte.
    public struct Release: Hashable, Sendable {
        public var id: Int
        public var json: [UInt8]

        public init(id: Int, json: [UInt8]) {
            self.id = id
            self.json = json
        }
    }

    /// In the order they were created.
    public var tokens: [Token]
    /// Oldest first.
    public var audit: [AuditLine]
    /// By id, oldest first.
    public var releases: [Release]

    public init(tokens: [Token] = [], audit: [AuditLine] = [], releases: [Release] = []) {
        self.tokens = tokens
        self.audit = audit
        self.releases = releases
    }
}
