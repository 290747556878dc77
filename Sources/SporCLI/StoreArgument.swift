import ArgumentParser
import SporApplication

/// The rule every command with `--data` and `--store` keeps, in one place.
enum StoreArgument {
    /// Refuses `--data` beside `--store`, a `--store` that is not a PostgreSQL URL, and `--cache` without a store
    /// or with an empty path.
    static func check(data: String?, store: String?, cache: String? = nil) throws {
        if data != nil, store != nil { throw ValidationError("give --data or --store, not both") }
        if let store, !DataFolder.isStore(store) { throw ValidationError("--store takes a postgresql:// URL") }
        if cache != nil, DataFolder.store(given: store, data: data) == nil {
            throw ValidationError("--cache goes with --store")
        }
        // An empty path would be the working directory.
        if let cache, cache.allSatisfy(\.isWhitespace) {
            throw ValidationError("--cache takes a folder, not an empty path")
        }
    }
}
