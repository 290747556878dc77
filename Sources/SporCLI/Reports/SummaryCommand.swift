import ArgumentParser
import SporInstruments
import SporReports
import SporApplication

/// `spor summary CITIZEN --since DATE`: what changed since the last follow-up meeting.
struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarise one citizen's responses since a date (the last follow-up meeting).")

    @Argument(help: "The pseudonymous citizen id.")
    var citizen: String

    @Option(help: "The date of the last follow-up meeting, YYYY-MM-DD.", transform: ReportArgument.date)
    var since: CalendarDate

    /// A summary has no chart.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @OptionGroup var options: ReportDataOptions

    func run() async throws {
        let citizen = try ReportArgument.citizen(citizen)
        let summary = try await options.useCases().summary(of: citizen, since: since, by: .cli(), via: "cli summary")
        switch format {
        case .table: print(summary.table(), terminator: "")
        case .json: print(try ReportJSON.string(summary, pretty: true))
        case .csv: print(summary.csv(), terminator: "")
        }
    }
}
