import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor store copy --from DIR --to postgresql://…` (or back): copies every record with its chain, the tokens, the
/// access audit trail and the releases, and verifies the copy.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract:
            "Copy a whole log with its tokens, audit trail and releases from a data folder into an empty PostgreSQL store, or from a store into a new data folder, and verify it."
    )

    @Option(
        name: .long, help: "A data folder, or a store URL postgresql://USER@HOST:PORT/DATABASE (docs/postgresql.md).")
    var from: String

    @Option(
        name: .long, help: "A store URL (when --from is a folder) or a new, empty data folder (when --from is a store)."
    )
    var to: String

    @Option(
        name: .long,
        help: "The source folder's checkpoint file (default: $SPOR_CHECKPOINT, else log.checkpoint in the folder).")
    var checkpoint: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        try format.require(OutputFormat.tableOrJSON)
    }

    func run() async throws {
        let outcome = try await StoreCopy.copy(
            from: from, to: to, by: .cli(), checkpointFile: checkpoint.map { URL(fileURLWithPath: $0) },
            logger: DataFolderOptions.logger)
        switch format {
        case .json:
            print(
                "{\"ok\":true,\"records\":\(outcome.records),\"tokens\":\(outcome.tokens),\"auditLines\":\(outcome.auditLines),\"releases\":\(outcome.releases),\"headHash\":\"\(outcome.headHash)\",\"from\":\(JSONWriter.quoted(outcome.from)),"
                    + "\"to\":\(JSONWriter.quoted(outcome.to)),\"note\":\(outcome.note.map(JSONWriter.quoted) ?? "null")}"
            )
        default:
            print(
                "copied \(outcome.records) records, \(outcome.tokens) tokens, \(outcome.auditLines) audit lines and \(outcome.releases) releases from \(outcome.from) to \(outcome.to), head \(outcome.headHash)"
            )
            if let note = outcome.note { print("note: \(note)") }
        }
    }
}
