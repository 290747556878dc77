import ArgumentParser
import SporApplication

/// `spor token revoke NAME`: a running daemon refuses the token from its next request on.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its name.")

    @OptionGroup var options: DataFolderOptions

    @Argument(help: "The token's name.")
    var name: String

    func run() async throws {
        _ = try await options.openUseCases(.administering).closing { try await $0.revokeToken(name: name, by: .cli()) }
        print("Token \(name) revoked.")
    }
}
