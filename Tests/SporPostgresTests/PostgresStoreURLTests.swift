import Testing

@testable import SporPostgres

/// The store URLs docs/postgresql.md describes; no server needed.
@Suite struct PostgresStoreURLTests {
    @Test func aHostFolderIsAUnixSocket() throws {
        let url = try PostgresStoreURL("postgresql://postgres@/spor?host=/tmp/spor-pg&port=54329")
        #expect(url.socketPath == "/tmp/spor-pg/.s.PGSQL.54329")
        #expect(url.host == nil)
        #expect(url.database == "spor")
        #expect(url.tls == .disable)
        #expect(url.description == "postgresql://postgres@/spor?host=/tmp/spor-pg&port=54329")
    }

    @Test func tcpWithDefaultsAndTLS() throws {
        let plain = try PostgresStoreURL("postgresql://spor:pw@db.example:6432/")
        #expect(plain.host == "db.example")
        #expect(plain.port == 6432)
        #expect(plain.database == "spor")
        #expect(plain.tls == .disable)
        #expect(try PostgresStoreURL("postgres://spor@db.example/spor?sslmode=require").tls == .require)
        #expect(try PostgresStoreURL("postgresql://spor@db.example/spor?sslmode=verify-full").port == 5432)
    }

    @Test func aURLWithoutAPasswordTakesPGPASSWORD() throws {
        let environment = ["PGPASSWORD": "from-the-environment"]
        #expect(
            try PostgresStoreURL("postgresql://spor@db.example/spor", environment: environment).password
                == "from-the-environment")
        #expect(
            try PostgresStoreURL("postgresql://spor:given@db.example/spor", environment: environment).password
                == "given")
        #expect(try PostgresStoreURL("postgresql://spor@db.example/spor", environment: [:]).password == nil)
    }

    @Test func thePasswordIsNeverShown() throws {
        let url = try PostgresStoreURL("postgresql://spor:s3cret-word@db.example:5432/spor?sslmode=require")
        #expect(!url.description.contains("s3cret-word"))
        #expect(url.description == "postgresql://spor@db.example:5432/spor?sslmode=require")
    }

    @Test(arguments: [
        ("postgresql://spor@db.example/spor?sslmode=prefer", "sslmode must be disable, require or verify-full"),
        ("postgresql://spor@db.example:99999/spor", "port must be a number"),
        ("postgresql://spor@/spor", "names no host"),
        ("postgresql://spor@/spor?host=/tmp/x&sslmode=require", "cannot be used over a unix socket"),
        ("postgresql://spor:pw@db.example/spor?options=x", "not options"),
        ("mysql://spor:pw@db.example/spor", "must be a URL postgresql://"),
    ])
    func badURLsAreRefusedByTheirPart(text: String, words: String) {
        #expect {
            try PostgresStoreURL(text)
        } throws: { error in
            let message = (error as? PostgresStoreError)?.message ?? ""
            return message.contains(words) && !message.contains("pw@")
        }
    }
}
