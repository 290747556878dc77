/// A failure of the import as a whole (not of one row).
public struct ImportFailure: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
