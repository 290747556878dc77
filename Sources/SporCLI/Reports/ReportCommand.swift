import ArgumentParser
import SporApplication
import SporInstruments
import SporReports

/// `spor report`: the trend reports and their releases; `spor report --instrument who5` runs
/// ``ReportTrendsCommand``.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Trend reports, and the releases the strategic level reads.",
        subcommands: [ReportTrendsCommand.self, ReportReleaseCommand.self, ReportReleasesCommand.self],
        defaultSubcommand: ReportTrendsCommand.self)
}

/// `spor report [trends]`: the strategic level's trend report (docs/report-definition.md), small cells suppressed.
struct ReportTrendsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Aggregate scores per period and group; cells under --min-cell citizens are suppressed.")

    @Option(help: "who5 or brief-inspire-o.", transform: ReportArgument.instrument)
    var instrument: InstrumentID

    @Option(help: "month, quarter or year (default quarter).", transform: ReportArgument.period)
    var period: ReportPeriod = .quarter

    @Option(help: "unit, intervention or none (default none).", transform: ReportArgument.grouping)
    var by: ReportGrouping = .none

    @Option(help: "Only responses dated on or after this day, YYYY-MM-DD.", transform: ReportArgument.date)
    var from: CalendarDate?

    @Option(help: "Only responses dated on or before this day, YYYY-MM-DD.", transform: ReportArgument.date)
    var to: CalendarDate?

    @Option(name: .customLong("min-cell"), help: "Suppress cells with fewer citizens (default 5, at least 3).")
    var minCell: Int = TrendReportRequest.defaultMinCell

    @ArgumentParser.Flag(
        help: "Allow --min-cell below 3 (at least 1): only for analysis that never leaves the municipality.")
    var allowSmallCells = false

    @Option(help: "Read the report from this release (a number from `spor report releases`) instead of live figures.")
    var release: Int?

    @Option(help: "Output format: table, json, csv or svg.")
    var format: OutputFormat = .table

    @OptionGroup var options: ReportDataOptions

    private var request: TrendReportRequest {
        TrendReportRequest(
            instrument: instrument, period: period, by: by, from: from, to: to, minCell: minCell,
            allowSmallCells: allowSmallCells)
    }

    func validate() throws {
        do {
            if let release, TrendRelease.ID(number: release) == nil {
                throw ValidationError("--release must be 1 or more")
            }
            try request.validate()
        } catch let error as ReportError {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let report = try await options.useCases().closing { spor in
            if let release {
                try await spor.releasedReport(TrendRelease.ID(number: release)!, request, by: .cli())
            } else {
                try await spor.trendReport(request, by: .cli(), via: "cli report")
            }
        }
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(try ReportJSON.string(report, pretty: true))
        case .csv: print(report.csv(), terminator: "")
        case .svg:
            print(
                report.svg(cutoff: ResponseDataset.cutoffScore(of: InstrumentCatalog.builtIn[instrument]!)),
                terminator: "")
        }
    }
}
