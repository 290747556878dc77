import ArgumentParser
import Foundation
import SporApplication

/// `spor log dump`: the whole log as JSON Lines, readable without Spor, each event with its author on its line.
/// `--format json` is accepted; the output is JSON Lines either way.
struct LogDumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract:
            "Print every event as one compact JSON object a line, with its type, sequence number, hash and author.")

    @OptionGroup var options: DataFolderOptions

    func run() async throws {
        var output = FileOutput(descriptor: STDOUT_FILENO)
        try await options.openUseCases(.administering).dumpLog(by: .cli(), via: "cli log dump") { line in
            output.write(line)
            output.write("\n")
        }
        output.flush()
    }
}
