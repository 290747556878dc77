import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor stress` (hidden): appends generated responses from several tasks until killed, printing each id once
/// its append has returned, that is once it is durable. The crash tests SIGKILL it.
struct StressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress", abstract: "Append generated responses until killed (for crash tests).",
        shouldDisplay: false)

    @OptionGroup var options: DataFolderOptions
    @OptionGroup var cacheOption: CacheOption

    @Option(help: "Concurrent writers.")
    var writers: Int = 4

    @Option(help: "Responses per append.")
    var batch: Int = 1

    func run() async throws {
        let spor = try await options.openUseCases(.writing, cache: cacheOption)
        let today = CalendarDate.today()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var output = FileOutput(descriptor: STDOUT_FILENO)
                    var round = 0
                    while true {
                        round += 1
                        let drafts = (0..<batch).map { _ in
                            ResponseDraft(
                                id: UUID(), citizen: .id(CitizenID(rawValue: "stress-\(writer)-\(round % 50)")!),
                                instrument: .who5,
                                administeredAt: today, answers: (0..<5).map { _ in Int.random(in: 0...5) },
                                unit: Label(rawValue: "bostotte-nord"), mode: .withStaff)
                        }
                        _ = try await spor.recordBatch(drafts, by: .cli())
                        for draft in drafts { output.write(draft.id!.uuidString.lowercased() + "\n") }
                        output.flush()
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
