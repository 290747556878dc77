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
    @Option(help: "Only accesses on or after this date, YYYY-MM-DD (UTC).")
    var since: String?

    func validate() throws {
        if let citizen, CitizenID(rawValue: citizen) == nil { throw ValidationError("--citizen must be a pseudonymous id") }
        if let since, CalendarDate(iso8601: since) == nil { throw ValidationError("--since must be a date, YYYY-MM-DD") }
    }

    func run() throws {
        let start = since.flatMap { CalendarDate(iso8601: $0) }.map {
            Date(timeIntervalSince1970: TimeInterval($0.daysSinceEpoch) * 86_400)
        }
        let records = try AuditTrail.read(folder: options.folder).filter { record in
            (citizen == nil || record.citizen.rawValue == citizen) && (start.map { record.at >= $0 } ?? true)
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
