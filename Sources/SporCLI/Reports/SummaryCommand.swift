import ArgumentParser
import SporApplication
import SporInstruments
import SporReports

/// `spor summary CITIZEN --since DATE`: what changed since the last follow-up meeting.
struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarise one citizen's responses since a date (the last follow-up meeting).")

    @Argument(help: "The pseudonymous citizen id.")
    var citizen: String

    @Option(help: "The date of the last follow-up meeting, YYYY-MM-DD.", transform: ReportArgument.date)
    var since: CalendarDate

    @Option(help: "Output format: table, json or csv (a summary has no chart).")
    var format: OutputFormat = .table

    @OptionGroup var options: ReportDataOptions

    func validate() throws {
        try format.require([.table, .json, .csv])
    }

    func run() async throws {
        let citizen = try ReportArgument.citizen(citizen)
        let summary = try await options.useCases().closing {
            try await $0.summary(of: citizen, since: since, by: .cli(), via: "cli summary")
        }
        switch format {
        case .json: print(try ReportJSON.string(summary, pretty: true))
        case .csv: print(summary.csv(), terminator: "")
        default: print(summary.table(), terminator: "")
        }
    }
}
