import Crypto
import Foundation

/// The Ed25519 key checkpoints are signed with, kept outside the data folder, so that someone with only the
/// folder's files cannot forge a checkpoint.
public enum CheckpointSigningKey {
    /// Makes a new key in `file` (mode 0600; it must not exist).
    /// - Returns: the public key that verifies its signatures, 64 hex digits.
    public static func make(file: String) throws -> String {
        let key = Curve25519.Signing.PrivateKey()
        let bytes = Array(key.rawRepresentation)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DurableFile.failure("create", file) }
        defer { close(descriptor) }
        try DurableFile.writeAll(descriptor, bytes, path: file)
        guard fsync(descriptor) == 0 else { throw DurableFile.failure("sync", file) }
        return key.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
    }
}
