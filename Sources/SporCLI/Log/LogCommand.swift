import ArgumentParser

/// `spor log`: commands on the raw log.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Work with the raw event log.", subcommands: [LogDumpCommand.self])
}
