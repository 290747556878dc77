import ArgumentParser

/// The `spor` command: dispatches to one subcommand per task.
@main
struct Spor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spor",
        abstract: "Outcome measurement for municipal social psychiatry: WHO-5 and Brief INSPIRE-O.",
        subcommands: [
            ScoreCommand.self, RecordCommand.self, CorrectCommand.self, RetractCommand.self, ImportCommand.self,
            VerifyCommand.self,
            LogCommand.self, StressCommand.self, TrajectoryCommand.self, SummaryCommand.self, ReportCommand.self,
            ServeCommand.self, ExportCommand.self, TokenCommand.self, AuditCommand.self, CheckpointKeyCommand.self,
            StoreCommand.self,
        ]
    )
}
