import ArgumentParser
import Foundation
import SporInstruments
import SporLog

/// `spor stress` (hidden): appends generated responses from several tasks until killed, printing each id once
/// its append has returned, that is once it is durable. The crash tests SIGKILL it.
struct StressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress", abstract: "Append generated responses until killed (for crash tests).",
        shouldDisplay: false)

    @OptionGroup var options: DataFolderOptions

    @Option(help: "Concurrent writers.")
    var writers: Int = 4

    @Option(help: "Responses per append.")
    var batch: Int = 1

    func run() async throws {
        let log = try options.openLog()
        let today = CalendarDate.today()
        let version = InstrumentCatalog.builtIn.who5.version
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var output = FileOutput(descriptor: STDOUT_FILENO)
                    var round = 0
                    while true {
                        round += 1
                        let events: [LogEvent] = (0..<batch).map { _ in
                            let response = Response(
                                id: UUID(), citizen: CitizenID(rawValue: "stress-\(writer)-\(round % 50)")!, instrument: .who5,
                                administeredAt: today, answers: (0..<5).map { _ in Int.random(in: 0...5) },
                                unit: Label(rawValue: "bostotte-nord"), mode: .withStaff)
                            return .responseRecorded(response, definitionVersion: version)
                        }
                        _ = try await log.append(events, author: OperatingSystemUser.author)
                        for event in events { output.write(event.responseID.uuidString.lowercased() + "\n") }
                        output.flush()
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
