/// A snapshot file could not be written or read. Never carries data from the file.
public struct SnapshotError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
