import ArgumentParser
import SporApplication

/// `spor token revoke NAME`: a running daemon refuses the token from its next request on.
struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its name.")

    @OptionGroup var options: DataFolderOptions

    @Argument(help: "The token's name.")
    var name: String

    func run() throws {
        try options.useCases(.administering).revokeToken(name: name, by: .cli())
        print("Token \(name) revoked.")
    }
}
