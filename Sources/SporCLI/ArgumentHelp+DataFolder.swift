import ArgumentParser

extension ArgumentHelp {
    /// The help of every `--data` option; the default itself is ``DataFolder/location(_:environment:)``'s.
    static let dataFolder = ArgumentHelp("The data folder (default: $SPOR_DATA, else ./spor-data).")
}

extension ArgumentHelp {
    /// The help of every `--store` option (docs/postgresql.md).
    static let store = ArgumentHelp(
        "A PostgreSQL store, postgresql://USER@HOST/DATABASE, in place of a data folder (default: $SPOR_STORE).")
    /// The help of the commands' `--cache` option (docs/postgresql.md).
    static let cache = ArgumentHelp(
        "With --store: a local folder for a snapshot of the responses (a daemon's --cache may be shared): only the rows after it are read, and it is refreshed when far behind."
    )
    /// The help of every `--key-file` option.
    static let keyFile = ArgumentHelp(
        "With --store: the pseudonymisation key file, a data folder's pseudonym.key or the key as 64 hex digits or base64 (default: $SPOR_PSEUDONYM_KEY; without a key, CPR numbers are refused)."
    )
}
