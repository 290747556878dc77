import ArgumentParser

extension ArgumentHelp {
    /// The help of every `--data` option; the default itself is ``DataFolder/location(_:environment:)``'s.
    static let dataFolder = ArgumentHelp("The data folder (default: $SPOR_DATA, else ./spor-data).")
}
