import ArgumentParser
import Foundation
import SporApplication
import SporFHIR
import SporInstruments

/// `spor export fhir`: the responses as a FHIR R4 Bundle (type `collection`) on standard output.
struct FHIRExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fhir",
        abstract:
            "Write the responses as a FHIR R4 Bundle: per response a QuestionnaireResponse and a score Observation.")

    @Option(help: "Only responses recorded, corrected or retracted on or after this date (YYYY-MM-DD, Danish time).")
    var since: String?

    @Option(help: "Only this citizen (a pseudonymous id).")
    var citizen: String?

    @OptionGroup var system: CitizenSystemOption
    @OptionGroup var options: ReportDataOptions

    func run() async throws {
        let citizen = try citizen.map { try ReportArgument.citizen($0) }
        let since = try since.map { text in
            do { return try ReportArgument.date(text) } catch {
                throw ValidationError("--since: expected a date YYYY-MM-DD")
            }
        }
        let records = try await options.useCases().closing { spor in
            try await spor.fhirRecords(of: citizen, changedSince: since, by: .cli(), via: "cli export fhir")
        }
        let bundle = FHIRBundle.make(records, kind: .collection, settings: try system.settings, timestamp: Date())
        FileHandle.standardOutput.write(Data(bundle.jsonBytes + [0x0A]))
    }
}
