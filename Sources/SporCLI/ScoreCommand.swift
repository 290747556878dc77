import ArgumentParser
import Foundation
import SporInstruments

/// `spor score`: validates and scores answers without storing anything.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Validate and score one response without storing it.",
        discussion: """
            Give the instrument and its answers, one per item, with `null` for an unanswered item:
              spor score who5 3 4 2 3 1
              spor score brief-inspire-o 3 2 2 3 null --format json
            Or give `-` to read one response JSON (the full contract) from standard input:
              echo '{"citizen":"c-1","instrument":"who5","administeredAt":"2026-03-14","answers":[3,4,2,3,1]}' | spor score -
            Invalid input exits with status 1 and lists every error with its field and rule.
            """
    )

    @Argument(help: "The instrument (who5, brief-inspire-o), or - to read a response JSON from standard input.")
    var instrument: String

    @Argument(help: "The answers, one per item: an integer, or null when unanswered.")
    var answers: [String] = []

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        try format.require(OutputFormat.tableOrJSON)
        if instrument == "-", !answers.isEmpty {
            throw ValidationError(
                "Give either `-` (a response JSON on standard input) or an instrument and its answers.")
        }
    }

    func run() throws {
        let catalog = InstrumentCatalog.builtIn
        let validator = ResponseValidator(catalog: catalog, today: .today())
        let result: Result<Score, ValidationFailure>
        if instrument == "-" {
            // One response is well under a kilobyte; the same limit as `spor record -`.
            let input = try StandardInput.read(limit: 64 << 10)
            result = Result { () throws(ValidationFailure) -> Score in
                let draft = try validator.validate(json: input)
                return catalog[draft.instrument]!.score(draft.answers)
            }
        } else {
            result = Self.score(instrument: instrument, answers: answers, validator: validator)
        }
        switch result {
        case .success(let score):
            print(format == .json ? try JSONOutput.string(score) : ScoreTable(score: score, catalog: catalog).text)
        case .failure(let failure):
            ErrorOutput.report(failure, format: format)
            throw ExitCode.failure
        }
    }

    /// Validates positional answers (each read as a JSON scalar, so `2.5`, `"3"` and `true` are caught) and scores them.
    static func score(
        instrument: String, answers: [String], validator: ResponseValidator
    ) -> Result<Score, ValidationFailure> {
        var errors: [FieldError] = []
        guard let definition = validator.catalog[InstrumentID(instrument)] else {
            let known = validator.catalog.definitions.map(\.id.rawValue).joined(separator: ", ")
            return .failure(
                ValidationFailure([
                    FieldError(
                        field: "instrument", rule: .unknownInstrument, message: "instrument must be one of: \(known)")
                ]))
        }
        let values = answers.map { text in (try? JSONParser.parse(text)) ?? .string(text) }
        guard let parsed = validator.validateAnswers(.array(values), for: definition, field: "answers", into: &errors)
        else {
            return .failure(ValidationFailure(errors))
        }
        return .success(definition.score(parsed))
    }
}
