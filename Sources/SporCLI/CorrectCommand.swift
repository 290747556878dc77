import ArgumentParser
import Foundation
import SporInstruments
import SporLog

/// `spor correct`: stores a new version of a response, with new answers and/or date and a reason.
struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct", abstract: "Correct the answers or the date of a stored response, with a reason.")

    @OptionGroup var options: DataFolderOptions

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
        let validator = ResponseValidator(today: .today())
        let log = try options.openLog()
        guard let stored = try await log.response(id: id) else {
            throw LogError(.unknownResponse, "no response with id \(id.uuidString.lowercased()) is stored", responseID: id)
        }
        guard !stored.isRetracted else {
            throw LogError(.retracted, "response \(id.uuidString.lowercased()) is retracted", responseID: id)
        }
        var errors: [FieldError] = []
        var response = stored.response
        let definition = validator.catalog[response.instrument]
        if let answers, let checked = validator.validateAnswers(AnswersArgument.parse(answers), for: definition, field: "answers", into: &errors) {
            response.answers = checked
        }
        if let date, let checked = validator.validateDate(.string(date), field: "administeredAt", into: &errors) {
            response.administeredAt = checked
        }
        if let error = ReasonRule.check(reason) { errors.append(error) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        guard response != stored.response else { throw ValidationError("the correction changes nothing") }
        let version = definition?.version ?? stored.definitionVersion
        _ = try await log.append(
            [.responseCorrected(response, definitionVersion: version, reason: reason)], author: OperatingSystemUser.author)
        await log.close()
        print(ResponsePrinter.render(response, definitionVersion: version, status: "corrected", format: options.format))
    }
}
