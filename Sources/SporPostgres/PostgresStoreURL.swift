public import Foundation
import NIOSSL
public import PostgresNIO

/// Where a PostgreSQL store is, written as a libpq-style URL (docs/postgresql.md):
///
/// - `postgresql://USER:PASSWORD@HOST:PORT/DATABASE` over TCP (port 5432 and database USER when left out);
/// - `postgresql://USER@/DATABASE?host=/tmp/folder&port=54329` over the unix socket `/tmp/folder/.s.PGSQL.54329`
///   (a `host` parameter starting with `/` is a socket folder, as in libpq);
/// - `sslmode`: absent or `disable` connects without TLS; `require` uses TLS without checking the certificate (as
///   libpq does); `verify-full` uses TLS and checks the certificate and the host name.
///
/// USER defaults to `postgres`. The password never appears in ``description`` or in an error.
public struct PostgresStoreURL: Sendable, CustomStringConvertible {
    /// How the connection is secured.
    public enum TLSMode: String, Sendable {
        case disable, require
        case verifyFull = "verify-full"
    }

    public var user: String
    var password: String?
    public var database: String
    /// The TCP host, `nil` for a unix socket.
    public var host: String?
    public var port: Int
    /// The unix socket's file, `nil` for TCP.
    public var socketPath: String?
    public var tls: TLSMode

    /// Whether `text` names a PostgreSQL store rather than a data folder.
    public static func isStoreURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a store URL. A URL without a password takes `$PGPASSWORD`, as libpq does, so the password need not
    /// be on a command line (where other users of the machine can read it in the process list).
    /// - Throws: ``PostgresStoreError`` naming the part that is wrong (never the password).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isStoreURL(text), let components = URLComponents(string: text) else {
            throw PostgresStoreError(
                "the store must be a URL postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require]")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard let value = item.value else {
                throw PostgresStoreError("the store URL's parameter \(item.name) has no value")
            }
            parameters[item.name] = value
        }
        let unknown = Set(parameters.keys).subtracting(["host", "port", "sslmode", "user", "dbname"])
        guard unknown.isEmpty else {
            throw PostgresStoreError(
                "the store URL's parameters may be host, port, sslmode, user and dbname, not \(unknown.sorted().joined(separator: ", "))"
            )
        }
        user = parameters["user"] ?? components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        password = components.password ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = parameters["dbname"] ?? (path.isEmpty ? user : path)
        let portText = parameters["port"] ?? components.port.map(String.init) ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw PostgresStoreError("the store URL's port must be a number from 1 to 65535")
        }
        self.port = port
        guard let tls = TLSMode(rawValue: parameters["sslmode"] ?? "disable") else {
            throw PostgresStoreError("the store URL's sslmode must be disable, require or verify-full")
        }
        self.tls = tls
        let hostName = parameters["host"] ?? components.host.flatMap { $0.isEmpty ? nil : $0 }
        if let hostName, hostName.hasPrefix("/") {
            guard tls == .disable else {
                throw PostgresStoreError("sslmode=\(tls.rawValue) cannot be used over a unix socket")
            }
            host = nil
            socketPath = hostName + (hostName.hasSuffix("/") ? "" : "/") + ".s.PGSQL.\(port)"
        } else {
            guard let hostName else {
                throw PostgresStoreError(
                    "the store URL names no host (give HOST, or ?host=/socket/folder for a unix socket)")
            }
            host = hostName
            socketPath = nil
        }
    }

    /// The URL without its password.
    public var description: String {
        let sslmode = tls == .disable ? "" : "sslmode=\(tls.rawValue)"
        if let socketPath {
            let folder = String(socketPath.dropLast(".s.PGSQL.\(port)".count + 1))
            return "postgresql://\(user)@/\(database)?host=\(folder)&port=\(port)"
        }
        return "postgresql://\(user)@\(host ?? ""):\(port)/\(database)" + (sslmode.isEmpty ? "" : "?" + sslmode)
    }

    /// The configuration of a single connection to this URL, for a first contact that fails at once when the
    /// server cannot be reached (a client's pool would keep trying).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketPath {
            return PostgresConnection.Configuration(
                unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let mode: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable: mode = .disable
        case .require, .verifyFull: mode = .require(try NIOSSLContext(configuration: tlsSettings()))
        }
        return PostgresConnection.Configuration(
            host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: mode)
    }

    /// TLS settings: `require` checks no certificate (as libpq's `sslmode=require`), `verify-full` checks it and
    /// the host name.
    private func tlsSettings() -> TLSConfiguration {
        var settings = TLSConfiguration.makeClientConfiguration()
        if tls == .require { settings.certificateVerification = .none }
        return settings
    }

    /// The client configuration for this URL.
    public func configuration() throws -> PostgresClient.Configuration {
        if let socketPath {
            return PostgresClient.Configuration(
                unixSocketPath: socketPath, username: user, password: password, database: database)
        }
        let mode: PostgresClient.Configuration.TLS
        switch tls {
        case .disable:
            mode = .disable
        case .require, .verifyFull:
            mode = .require(tlsSettings())
        }
        return PostgresClient.Configuration(
            host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: mode)
    }
}
