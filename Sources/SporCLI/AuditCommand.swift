import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor audit`: lists the access audit trail, optionally for one citizen and from a date.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "List who read which citizen's data, when and through which endpoint.")

    @OptionGroup var options: DataFolderOptions

    @Option(help: "Only this citizen (the pseudonymous id).")
    var citizen: String?
    @Option(help: "Only accesses on or after this date, YYYY-MM-DD (UTC).", transform: ReportArgument.date)
    var since: CalendarDate?

    func run() async throws {
        let citizen = try citizen.map { try ReportArgument.citizen($0, name: "--citizen") }
        let (records, damaged) = try await options.openUseCases(.administering).closing {
            try await $0.auditTrail(
                citizen: citizen, since: since, by: .cli())
        }
        if damaged > 0 {
            FileHandle.standardError.write(
                Data(
                    "warning: \(damaged) damaged or unchained lines of the audit trail were skipped; spor verify names them\n"
                        .utf8))
        }
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var output = FileOutput(descriptor: STDOUT_FILENO)
        for record in records {
            let who = record.citizen?.rawValue
            switch options.format {
            case .json:
                output.write(
                    "{\"at\":\(JSONWriter.quoted(record.at.formatted(time))),\"who\":\(JSONWriter.quoted(record.who)),"
                        + "\"role\":\(JSONWriter.quoted(record.role.rawValue)),\"citizen\":\(who.map(JSONWriter.quoted) ?? "null"),"
                        + "\"endpoint\":\(JSONWriter.quoted(record.endpoint))}\n")
            default:
                output.write(
                    [record.at.formatted(time), record.who, record.role.rawValue, who ?? "*", record.endpoint]
                        .joined(separator: "\t") + "\n")
            }
        }
        output.flush()
    }
}
