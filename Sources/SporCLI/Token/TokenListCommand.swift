import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor token list`: names, roles, units and dates; never a token or its hash.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the tokens (never their values).")

    @OptionGroup var options: DataFolderOptions

    func run() async throws {
        let records = try await options.openUseCases(.administering).closing { try await $0.tokens(by: .cli()) }
        let time = Date.ISO8601FormatStyle()
        switch options.format {
        case .json:
            let lines = records.map { record in
                "{\"name\":\(JSONWriter.quoted(record.name)),\"role\":\(JSONWriter.quoted(record.role.rawValue)),"
                    + "\"units\":[\(record.units.map { JSONWriter.quoted($0.rawValue) }.joined(separator: ","))],"
                    + "\"created\":\(JSONWriter.quoted(record.created.formatted(time))),"
                    + "\"revoked\":\(record.revoked.map { JSONWriter.quoted($0.formatted(time)) } ?? "null")}"
            }
            print("[" + lines.joined(separator: ",") + "]")
        default:
            if records.isEmpty { print("No tokens. Create one with: spor token create --role admin --name NAME") }
            for record in records {
                let units = record.units.map(\.rawValue).joined(separator: ",")
                let state = record.revoked.map { "revoked \($0.formatted(time))" } ?? "active"
                print(
                    [
                        record.name, record.role.rawValue, units.isEmpty ? "-" : units,
                        "created \(record.created.formatted(time))", state,
                    ]
                    .joined(separator: "\t"))
            }
        }
    }
}
