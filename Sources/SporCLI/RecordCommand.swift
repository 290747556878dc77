import ArgumentParser
import Foundation
import SporInstruments
import SporLog

/// `spor record`: validates, scores and durably stores one response.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Store one response: from flags, or one response JSON on standard input with `-`.")

    @OptionGroup var options: DataFolderOptions

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
        if input == "-", [id, citizen, cpr, instrument, date, answers, unit, intervention, mode].contains(where: { $0 != nil }) {
            throw ValidationError("give the response either as flags or on standard input, not both")
        }
    }

    func run() async throws {
        let validator = ResponseValidator(today: .today())
        let draft: ResponseDraft
        if input == "-" {
            draft = try validator.validate(json: try StandardInput.read(limit: 64 << 10))
        } else {
            var raw = RawResponse()
            let fields: [(String, String?)] = [
                ("id", id), ("citizen", citizen), ("cpr", cpr), ("instrument", instrument), ("administeredAt", date),
                ("unit", unit), ("intervention", intervention), ("mode", mode),
            ]
            for case (let name, let value?) in fields { raw.set(name, .string(value)) }
            if let answers { raw.set("answers", AnswersArgument.parse(answers)) }
            draft = try validator.validate(raw)
        }
        let log = try options.openLog()
        var resolver = CitizenResolver(folder: options.folder)
        let response = try resolver.resolve(draft, id: draft.id ?? UUID())
        let version = InstrumentCatalog.builtIn[response.instrument]!.version
        let result = try await log.append(
            [.responseRecorded(response, definitionVersion: version)], author: OperatingSystemUser.author)
        await log.close()
        switch result[0] {
        case .appended:
            print(ResponsePrinter.render(response, definitionVersion: version, status: "stored", format: options.format))
        case .alreadyStored(let stored):
            print(ResponsePrinter.render(stored, definitionVersion: version, status: "already stored", format: options.format))
        }
    }
}
