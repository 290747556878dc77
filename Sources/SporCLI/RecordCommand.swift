import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor record`: validates, scores and durably stores one response.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Store one response: from flags, or one response JSON on standard input with `-`.")

    @OptionGroup var options: DataFolderOptions
    @OptionGroup var cacheOption: CacheOption

    @Argument(help: "`-` to read one response JSON object from standard input instead of the flags.")
    var input: String?

    @Option(help: "The response id (a UUID), the idempotency key. A new one is made when left out.")
    var id: String?
    @Option(help: "The citizen's pseudonymous id.")
    var citizen: String?
    @Option(help: "The citizen's CPR number, pseudonymised before anything is stored (prefer standard input).")
    var cpr: String?
    @Option(help: "who5 or brief-inspire-o.")
    var instrument: String?
    @Option(help: "The day the citizen answered, YYYY-MM-DD.")
    var date: String?
    @Option(help: "The answers, comma-separated, empty for unanswered: \"3,4,,3,1\".")
    var answers: String?
    @Option(help: "The social offer, such as bostotte-nord.")
    var unit: String?
    @Option(help: "The intervention code, such as SEL85.")
    var intervention: String?
    @Option(help: "self, with-staff or paper.")
    var mode: String?

    func validate() throws {
        if let input, input != "-" { throw ValidationError("the only argument accepted is `-` (standard input)") }
        if input == "-",
            [id, citizen, cpr, instrument, date, answers, unit, intervention, mode].contains(where: { $0 != nil })
        {
            throw ValidationError("give the response either as flags or on standard input, not both")
        }
    }

    func run() async throws {
        // Validated before the folder is opened: a refused response leaves no trace, not even a new folder.
        let draft = try draft(ResponseValidator(today: .today()))
        let recorded = try await options.openUseCases(.writing, cache: cacheOption).closing { spor in
            try await spor.record(draft, by: .cli())
        }
        print(
            ResponsePrinter.render(
                recorded.stored, status: recorded.created ? "stored" : "already stored", format: options.format))
    }

    /// The response from standard input or from the flags, validated.
    private func draft(_ validator: ResponseValidator) throws -> ResponseDraft {
        if input == "-" { return try validator.validate(json: try StandardInput.read(limit: 64 << 10)) }
        var raw = RawResponse()
        let fields: [(String, String?)] = [
            ("id", id), ("citizen", citizen), ("cpr", cpr), ("instrument", instrument), ("administeredAt", date),
            ("unit", unit), ("intervention", intervention), ("mode", mode),
        ]
        for case (let name, let value?) in fields { raw.set(name, .string(value)) }
        if let answers { raw.set("answers", AnswersArgument.parse(answers)) }
        return try validator.validate(raw)
    }
}
