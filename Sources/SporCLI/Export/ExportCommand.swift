import ArgumentParser

/// `spor export`: data in the field's standard formats.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export in FHIR R4 (see docs/fhir.md).",
        subcommands: [FHIRExportCommand.self, QuestionnaireExportCommand.self])
}
