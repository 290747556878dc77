import ArgumentParser
import SporApplication
import SporInstruments

/// `spor token create`: prints a new token once; only its hash is stored.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a bearer token and print it once (only its hash is stored).")

    @OptionGroup var options: DataFolderOptions

    @Option(help: "staff, caseworker, strategic or admin.")
    var role: String
    @Option(help: "A unit a staff token works in; repeat for several.")
    var unit: [String] = []
    @Option(help: "A unique name for the token, such as the person or system using it; the audit trail shows it.")
    var name: String

    func validate() throws {
        guard Role(rawValue: role) != nil else {
            throw ValidationError("--role must be staff, caseworker, strategic or admin")
        }
        for text in unit {
            switch Label.problem(with: text) {
            case .format?: throw ValidationError("--unit must be 1-64 of A-Z a-z 0-9 . _ -")
            case .cpr?: throw ValidationError("--unit must not contain a CPR number")
            case nil: break
            }
        }
    }

    func run() async throws {
        let (token, record) = try await options.openUseCases(.administering).closing {
            try await $0.createToken(
                name: name, role: Role(rawValue: role)!, units: unit.compactMap { Label(rawValue: $0) }, by: .cli())
        }
        switch options.format {
        case .json:
            print(
                "{\"token\":\(JSONWriter.quoted(token)),\"name\":\(JSONWriter.quoted(record.name)),"
                    + "\"role\":\(JSONWriter.quoted(record.role.rawValue))}")
        default:
            print(token)
            print("Token \(record.name) (\(record.role.rawValue)) created. It is shown only now: keep it safe.")
        }
    }
}
