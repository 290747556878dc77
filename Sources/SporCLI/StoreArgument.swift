import ArgumentParser
import SporApplication

/// The rule every command with `--data` and `--store` keeps, in one place.
enum StoreArgument {
    /// Refuses `--data` beside `--store`, and a `--store` that is not a PostgreSQL URL.
    static func check(data: String?, store: String?) throws {
        if data != nil, store != nil { throw ValidationError("give --data or --store, not both") }
        if let store, !DataFolder.isStore(store) { throw ValidationError("--store takes a postgresql:// URL") }
    }
}
