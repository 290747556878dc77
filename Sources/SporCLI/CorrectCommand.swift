import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor correct`: stores a new version of a response, with new answers and/or date and a reason.
struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct", abstract: "Correct the answers or the date of a stored response, with a reason.")

    @OptionGroup var options: DataFolderOptions
    @OptionGroup var cacheOption: CacheOption

    @Argument(help: "The id of the response to correct.")
    var id: String
    @Option(help: "The corrected answers, comma-separated, empty for unanswered.")
    var answers: String?
    @Option(help: "The corrected date the citizen answered, YYYY-MM-DD.")
    var date: String?
    @Option(help: "Why the response is corrected (stored; never a CPR number).")
    var reason: String

    func validate() throws {
        _ = try ResponseIDArgument.parse(id)
        if answers == nil, date == nil { throw ValidationError("give --answers, --date or both") }
    }

    func run() async throws {
        let id = try ResponseIDArgument.parse(id)
        let current = try await options.openUseCases(.writing, cache: cacheOption).closing { spor in
            try await spor.correct(
                id, answers: answers.map(AnswersArgument.parse), administeredAt: date.map(JSONValue.string),
                reason: reason,
                by: .cli(), via: "cli correct")
        }
        print(ResponsePrinter.render(current, status: "corrected", format: options.format))
    }
}
