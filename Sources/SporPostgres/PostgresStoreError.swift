import PostgresNIO

/// Why the PostgreSQL store refused or failed: one sentence that names no password and no record content.
public struct PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// `error` in words: the server's message and SQLSTATE for a PostgreSQL error (never its detail, which may
    /// quote row values), the connection failure otherwise.
    static func describing(_ error: any Error, while doing: String) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return PostgresStoreError("PostgreSQL refused \(doing): \(message)\(state)")
            }
            return PostgresStoreError("PostgreSQL could not be reached while \(doing): \(error.code)")
        }
        return PostgresStoreError("\(doing) failed: \(error)")
    }
}
