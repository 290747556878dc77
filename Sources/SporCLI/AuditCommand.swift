import ArgumentParser
import Foundation
import SporInstruments
import SporServer

/// `spor audit`: lists the access audit trail, optionally for one citizen and from a date.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "List who read which citizen's data, when and through which endpoint.")

    @OptionGroup var options: DataFolderOptions

    @Option(help: "Only this citizen (the pseudonymous id).")
    var citizen: String?
    @Option(help: "Only accesses on or after this date, YYYY-MM-DD (UTC).", transform: ReportArgument.date)
    var since: CalendarDate?

    func run() throws {
        let citizen = try citizen.map { try ReportArgument.citizen($0, name: "--citizen") }
        let start = since.map {
            Date(timeIntervalSince1970: TimeInterval($0.daysSinceEpoch) * 86_400)
        }
        let contents = try AuditTrail.contents(folder: options.folder)
        if !contents.unreadableLines.isEmpty {
            let numbers = contents.unreadableLines.prefix(20).map(String.init).joined(separator: ", ")
            FileHandle.standardError.write(Data(
                "warning: \(contents.unreadableLines.count) line(s) of the audit trail could not be read and are left out (line \(numbers))\n".utf8))
        }
        let records = contents.records.filter { record in
            (citizen.map { record.citizen == $0 } ?? true) && (start.map { record.at >= $0 } ?? true)
        }
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for record in records {
            switch options.format {
            case .table:
                print([record.at.formatted(time), record.who, record.role.rawValue, record.citizen.rawValue, record.endpoint]
                    .joined(separator: "\t"))
            case .json:
                print(
                    "{\"at\":\(JSONWriter.quoted(record.at.formatted(time))),\"who\":\(JSONWriter.quoted(record.who)),"
                        + "\"role\":\(JSONWriter.quoted(record.role.rawValue)),\"citizen\":\(JSONWriter.quoted(record.citizen.rawValue)),"
                        + "\"endpoint\":\(JSONWriter.quoted(record.endpoint))}")
            }
        }
    }
}
