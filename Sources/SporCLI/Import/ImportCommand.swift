import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor import`: stores every response of a `.csv` or `.jsonl` file, all or nothing unless `--skip-invalid`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import responses from a .csv or .jsonl file: the whole file is checked before anything is written.")

    @OptionGroup var options: DataFolderOptions
    @OptionGroup var cacheOption: CacheOption

    @Argument(help: "The file: .csv (header: contract field names, answers as item1 ... item5) or .jsonl.")
    var file: String

    @ArgumentParser.Flag(help: "Write the valid rows and put the rejected lines, with their errors, in a file.")
    var skipInvalid = false

    @Option(help: "Where --skip-invalid puts rejected lines (default: FILE.rejected).")
    var rejected: String?

    func run() async throws {
        let progress = Progress(enabled: isatty(STDERR_FILENO) == 1)
        let imported: UseCases.Imported
        do {
            imported = try await options.openUseCases(.writing, cache: cacheOption).closing { spor in
                try await spor.importFile(
                    path: file, skipInvalid: skipInvalid, rejectedPath: rejected,
                    progress: { progress.tick("checked", $0) }, by: .cli())
            }
        } catch let refused as UseCases.ImportRefused {
            progress.done()
            var text = refused.problems.map(\.description).joined(separator: "\n") + "\n"
            if refused.problemCount > refused.problems.count {
                text += "... and \(refused.problemCount - refused.problems.count) more errors\n"
            }
            if refused.rows > 0 { text += refused.description + "\n" }
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode.failure
        }
        progress.done()
        switch options.format {
        case .json:
            print(
                "{\"written\":\(imported.written),\"alreadyStored\":\(imported.alreadyStored),\"rejected\":\(imported.rejected),"
                    + "\"rejectedFile\":\(imported.rejectedFile.map(JSONWriter.quoted) ?? "null")}")
        default:
            var summary =
                "written \(imported.written), already stored \(imported.alreadyStored), rejected \(imported.rejected)"
            if let path = imported.rejectedFile { summary += " (see \(path))" }
            print(summary)
        }
    }
}
