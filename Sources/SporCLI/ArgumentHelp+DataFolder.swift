import ArgumentParser

extension ArgumentHelp {
    /// The help of every `--data` option; the default itself is ``DataFolder/location(_:environment:)``'s.
    static let dataFolder = ArgumentHelp("The data folder (default: $SPOR_DATA, else ./spor-data).")
}

extension ArgumentHelp {
    /// The help of every `--store` option (docs/postgresql.md).
    static let store = ArgumentHelp(
        "A PostgreSQL store, postgresql://USER@HOST/DATABASE, in place of a data folder (default: $SPOR_STORE).")
    /// The help of every `--key-file` option.
    static let keyFile = ArgumentHelp(
        "With --store: the pseudonymisation key file, a data folder's pseudonym.key or the key as 64 hex digits or base64 (default: $SPOR_PSEUDONYM_KEY; without a key, CPR numbers are refused)."
    )
}
