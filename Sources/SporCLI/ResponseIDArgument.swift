import ArgumentParser
import Foundation

/// A response id given on the command line.
enum ResponseIDArgument {
    static func parse(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ValidationError("the response id must be a UUID") }
        return id
    }
}
