import ArgumentParser
import SporApplication
import SporInstruments
import SporReports

/// `spor trajectory CITIZEN`: one citizen's responses over time, per instrument.
struct TrajectoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trajectory",
        abstract: "Show one citizen's scored responses in date order with flags and changes.")

    @Argument(help: "The pseudonymous citizen id.")
    var citizen: String

    @Option(help: "Only this instrument (who5 or brief-inspire-o).", transform: ReportArgument.instrument)
    var instrument: InstrumentID?

    @ArgumentParser.Flag(help: "Include retracted responses and every revision of each response.")
    var history = false

    @Option(help: "Output format: table, json, csv or svg.")
    var format: OutputFormat = .table

    @OptionGroup var options: ReportDataOptions

    func run() async throws {
        let citizen = try ReportArgument.citizen(citizen)
        let trajectory = try await options.useCases().closing {
            try await $0.trajectory(
                of: citizen, instrument: instrument, history: history, by: .cli(), via: "cli trajectory")
        }
        switch format {
        case .table: print(trajectory.table(), terminator: "")
        case .json: print(try ReportJSON.string(trajectory, pretty: true))
        case .csv: print(trajectory.csv(), terminator: "")
        case .svg: print(trajectory.svg(), terminator: "")
        }
    }
}
