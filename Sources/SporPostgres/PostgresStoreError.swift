import PostgresNIO

/// Why the PostgreSQL store refused or failed: one sentence that names no password and no record content.
public struct PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// `error` in words: the server's message and SQLSTATE for a PostgreSQL error (never its detail, which may
    /// quote row values), the connection failure otherwise; a failed transaction by the error that failed it.
    static func describing(_ error: any Error, while doing: String) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        if let error = error as? PostgresTransactionError {
            // What went wrong first: the transaction's own statement or the work inside it.
            let cause = error.beginError ?? error.closureError ?? error.commitError ?? error.rollbackError
            if let cause { return describing(cause, while: doing) }
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return PostgresStoreError("\(doing) failed: PostgreSQL says: \(message)\(state)")
            }
            return PostgresStoreError("\(doing) failed: PostgreSQL could not be reached (\(error.code))")
        }
        return PostgresStoreError("\(doing) failed: \(error)")
    }
}
