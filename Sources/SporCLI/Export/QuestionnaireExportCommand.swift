import ArgumentParser
import Foundation
import SporFHIR
import SporInstruments

/// `spor export questionnaire ID`: an instrument as a FHIR R4 Questionnaire on standard output.
struct QuestionnaireExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaire",
        abstract: "Write an instrument as a FHIR R4 Questionnaire (who5 or brief-inspire-o).")

    @Argument(help: "The instrument: who5 or brief-inspire-o.", transform: ReportArgument.instrument)
    var instrument: InstrumentID

    func run() throws {
        guard let definition = InstrumentCatalog.builtIn[instrument] else { return }
        FileHandle.standardOutput.write(Data(FHIRInstrument(definition).questionnaire.jsonBytes + [0x0A]))
    }
}
