import ArgumentParser
import Foundation
import SporInstruments
import SporLog

/// `spor log dump`: the whole log as JSON Lines, readable without Spor.
struct LogDumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump", abstract: "Print every event as one JSON object a line, with its type, sequence number and hash.")

    @OptionGroup var options: DataFolderOptions

    func run() async throws {
        var output = FileOutput(descriptor: STDOUT_FILENO)
        _ = try LogVerifier.verify(folder: options.folder) { entry, hash in
            output.write(entry.jsonLine(hash: hash))
            output.write("\n")
        }
        output.flush()
    }
}
