/// A failure of the import as a whole (not of one row).
struct ImportFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
