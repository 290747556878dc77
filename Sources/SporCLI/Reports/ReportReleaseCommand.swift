import ArgumentParser
import Foundation
import SporApplication
import SporReports

/// `spor report release`: makes a new release with the data as it stands, so later data for settled periods
/// reaches the strategic level; every earlier release stays readable by its id.
struct ReportReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Make a new release of the settled periods' reports for the strategic level.")

    @Option(name: .customLong("settle-days"), help: "Days after a period's end before it is released (default 14).")
    var settleDays = SettleWindow.defaultDays

    @OptionGroup var options: ReportDataOptions

    func run() async throws {
        guard let window = try? SettleWindow(days: settleDays) else {
            throw ValidationError("--settle-days must be 0 or more")
        }
        let release = try await options.useCases(settleWindow: window).closing { try await $0.makeRelease(by: .cli()) }
        print(
            "release \(release.id) made \(release.asOf.formatted(Date.ISO8601FormatStyle())), settled on \(release.settledOn)"
        )
    }
}

/// `spor report releases`: every stored release, oldest first.
struct ReportReleasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "releases", abstract: "List the stored releases.")

    @OptionGroup var options: ReportDataOptions

    func run() async throws {
        for entry in try await options.useCases().closing({ try await $0.releases(by: .cli()) }) {
            print(
                [
                    entry.id.description, entry.asOf, "settled on \(entry.settledOn)",
                    "settle days \(entry.settleDays)",
                    "min cell \(entry.minCell)",
                ].joined(separator: "\t"))
        }
    }
}
