import ArgumentParser

/// `spor store`: moving a log between a data folder and a PostgreSQL store (docs/postgresql.md).
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move a log between a data folder and PostgreSQL.",
        subcommands: [StoreCopyCommand.self])
}
