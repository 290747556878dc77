import ArgumentParser
import Foundation
import SporInstruments
import SporLog

/// `spor retract`: marks a response as entered in error; it stays in the history.
struct RetractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract", abstract: "Retract a response entered in error, with a reason.")

    @OptionGroup var options: DataFolderOptions

    @Argument(help: "The id of the response to retract.")
    var id: String
    @Option(help: "Why the response is retracted (stored; never a CPR number).")
    var reason: String

    func validate() throws {
        _ = try ResponseIDArgument.parse(id)
        if let error = ReasonRule.check(reason) { throw ValidationError(error.description) }
    }

    func run() async throws {
        let id = try ResponseIDArgument.parse(id)
        let log = try options.openLog()
        let result = try await log.append(
            [.responseRetracted(id: id, reason: reason)], author: OperatingSystemUser.author)
        await log.close()
        guard case .appended(let entry) = result[0] else { return }
        switch options.format {
        case .table: print("retracted \(id.uuidString.lowercased()) (sequence \(entry.sequence))")
        case .json: print("{\"status\":\"retracted\",\"id\":\(JSONWriter.quoted(id.uuidString.lowercased())),\"sequence\":\(entry.sequence)}")
        }
    }
}
