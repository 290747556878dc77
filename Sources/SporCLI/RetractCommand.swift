import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor retract`: marks a response as entered in error; it stays in the history.
struct RetractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract", abstract: "Retract a response entered in error, with a reason.")

    @OptionGroup var options: DataFolderOptions
    @OptionGroup var cacheOption: CacheOption

    @Argument(help: "The id of the response to retract.")
    var id: String
    @Option(help: "Why the response is retracted (stored; never a CPR number).")
    var reason: String

    func validate() throws {
        _ = try ResponseIDArgument.parse(id)
    }

    func run() async throws {
        let id = try ResponseIDArgument.parse(id)
        _ = try await options.openUseCases(.writing, cache: cacheOption).closing { spor in
            try await spor.retract(id, reason: reason, by: .cli())
        }
        switch options.format {
        case .json: print("{\"status\":\"retracted\",\"id\":\(JSONWriter.quoted(id.uuidString.lowercased()))}")
        default: print("retracted \(id.uuidString.lowercased())")
        }
    }
}
