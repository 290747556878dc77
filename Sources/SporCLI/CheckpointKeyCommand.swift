import ArgumentParser
import SporApplication

/// `spor checkpoint-key FILE`: makes an Ed25519 key for signing checkpoints and prints its public key.
struct CheckpointKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint-key",
        abstract:
            "Make a key for signing checkpoints (keep it outside the data folder) and print the public key that verifies them."
    )

    @Argument(help: "The key file to create (mode 0600); it must not exist.")
    var file: String

    func run() throws {
        let publicKey = try CheckpointSigningKey.make(file: file)
        print("public key: \(publicKey)")
        print(
            "Sign with SPOR_CHECKPOINT_SIGNING_KEY=\(file); check with spor verify --checkpoint-public-key \(publicKey)"
        )
    }
}
