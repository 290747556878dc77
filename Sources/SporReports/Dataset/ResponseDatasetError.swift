public import Foundation

/// A log event the dataset cannot hold. Names the response by id only: never answers or citizen data.
public struct ResponseDatasetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The response the event is about; `nil` for a problem with the catalog itself.
    public var responseID: UUID?
    /// What is wrong, in words.
    public var message: String

    public init(responseID: UUID?, message: String) {
        self.responseID = responseID
        self.message = message
    }

    public var description: String {
        responseID.map { "response \($0.uuidString.lowercased()): \(message)" } ?? message
    }
}
