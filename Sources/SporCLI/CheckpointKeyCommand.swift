import ArgumentParser
import Crypto
import Foundation

/// `spor checkpoint-key FILE`: makes an Ed25519 key for signing checkpoints and prints its public key.
struct CheckpointKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint-key",
        abstract: "Make a key for signing checkpoints (keep it outside the data folder) and print the public key that verifies them.")

    @Argument(help: "The key file to create (mode 0600); it must not exist.")
    var file: String

    func run() throws {
        let key = Curve25519.Signing.PrivateKey()
        let bytes = Array(key.rawRepresentation)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CheckpointKeyFailure("cannot create \(file): \(String(cString: strerror(errno)))") }
        let written = write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
        close(descriptor)
        guard written else { throw CheckpointKeyFailure("cannot write \(file)") }
        let publicKey = key.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
        print("public key: \(publicKey)")
        print("Sign with SPOR_CHECKPOINT_SIGNING_KEY=\(file); check with spor verify --checkpoint-public-key \(publicKey)")
    }
}

/// Why `spor checkpoint-key` failed.
struct CheckpointKeyFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
