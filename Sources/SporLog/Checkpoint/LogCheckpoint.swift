public import Crypto
public import Foundation

/// The head of a log as it stood at a moment, kept in a file of its own (at every close and at least every minute
/// while writing), optionally signed with Ed25519.
///
/// Opening and ``LogVerifier`` hold the log to its newest checkpoint: the records it covers must all still be
/// there, the head record unchanged, so cutting off trailing segments or rewriting the end of the chain is found,
/// not only a flipped byte. The file may live outside the data folder (`SPOR_CHECKPOINT`), out of reach of whoever
/// can change the folder; with a signing key kept elsewhere too, a writer with access to the files alone cannot
/// forge one.
///
/// The file is text, one field a line:
///
/// ```
/// spor-checkpoint 1
/// head 49:3a1344d8…            (or `head none` for an empty log)
/// end 1 6458                   (segment number and byte offset where the head record ends)
/// key 9c0f…                    (fingerprint of the pseudonymisation key, when known)
/// written 1795428816290        (milliseconds since 1970)
/// signature ed25519 <base64>   (optional: over every byte before this line)
/// ```
public struct LogCheckpoint: Hashable, Sendable {
    /// The file name in the data folder when no other place is given.
    public static let defaultFileName = "log.checkpoint"
    /// The environment variable that may name the checkpoint file (for a place outside the data folder).
    public static let environmentVariable = "SPOR_CHECKPOINT"
    /// The environment variable that may name a file holding the Ed25519 key checkpoints are signed with.
    public static let signingKeyVariable = "SPOR_CHECKPOINT_SIGNING_KEY"

    /// The last record covered, `nil` for an empty log.
    public var head: LogHead?
    /// The segment in which the head record ends.
    public var endSegment: UInt32
    /// The byte offset in `endSegment` where the head record ends (the segment header's size for an empty log).
    public var endOffset: Int
    /// The fingerprint of the pseudonymisation key the log was written with, when known.
    public var keyFingerprint: String?
    /// When it was written, milliseconds since 1970.
    public var writtenAtMillis: Int64
    /// The Ed25519 signature over ``signedText``, when signed.
    public var signature: Data?

    public init(head: LogHead?, endSegment: UInt32, endOffset: Int, keyFingerprint: String?, writtenAtMillis: Int64) {
        self.head = head
        self.endSegment = endSegment
        self.endOffset = endOffset
        self.keyFingerprint = keyFingerprint
        self.writtenAtMillis = writtenAtMillis
    }

    /// The records covered.
    public var records: UInt64 { head.map { $0.sequence + 1 } ?? 0 }

    /// The lines a signature covers: everything but the signature.
    var signedText: String {
        var text = "spor-checkpoint 1\nhead \(head?.description ?? "none")\nend \(endSegment) \(endOffset)\n"
        if let keyFingerprint { text += "key \(keyFingerprint)\n" }
        return text + "written \(writtenAtMillis)\n"
    }

    /// The whole file (a PostgreSQL store keeps the same text in `spor_checkpoints`).
    public var fileText: String {
        signedText + (signature.map { "signature ed25519 \($0.base64EncodedString())\n" } ?? "")
    }

    /// Signs the checkpoint.
    public mutating func sign(with key: Curve25519.Signing.PrivateKey) throws {
        signature = try key.signature(for: Data(signedText.utf8))
    }

    /// Throws unless the checkpoint carries a valid signature by `key`.
    public func checkSignature(_ key: Curve25519.Signing.PublicKey, file: URL) throws {
        try checkSignature(key, named: "the checkpoint \(file.path)")
    }

    /// Throws unless the checkpoint carries a valid signature by `key`; `name` says where it is, for messages.
    public func checkSignature(_ key: Curve25519.Signing.PublicKey, named name: String) throws {
        guard let signature else {
            throw LogError(.checkpoint, "\(name) is not signed, but a public key was given to check it")
        }
        guard key.isValidSignature(signature, for: Data(signedText.utf8)) else {
            throw LogError(
                .checkpoint,
                "\(name) does not carry a valid signature by the given key: it was not written by Spor with the signing key"
            )
        }
    }

    /// The checkpoint file of a data folder: `file` when given, else `SPOR_CHECKPOINT`, else `log.checkpoint` in
    /// the folder.
    public static func location(folder: URL, file: URL? = nil, environment: [String: String]) -> URL {
        if let file { return file }
        if let path = environment[environmentVariable], !path.isEmpty { return URL(fileURLWithPath: path) }
        return folder.appendingPathComponent(defaultFileName)
    }

    /// Reads a checkpoint file; `nil` when there is none.
    /// - Throws: ``LogError`` `checkpoint` when the file cannot be read or is malformed.
    public static func read(_ url: URL) throws -> LogCheckpoint? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LogError(.checkpoint, "cannot read the checkpoint \(url.path)")
        }
        guard let checkpoint = parse(String(decoding: data, as: UTF8.self)) else {
            throw LogError(.checkpoint, "the checkpoint \(url.path) is malformed")
        }
        return checkpoint
    }

    /// Parses the file's text; `nil` when a line is missing or malformed.
    public static func parse(_ text: String) -> LogCheckpoint? {
        var fields: [String: String] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "spor-checkpoint 1", lines.last == "" else { return nil }
        for line in lines.dropFirst().dropLast() {
            guard let space = line.firstIndex(of: " "), fields[String(line[..<space])] == nil else { return nil }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        guard let headText = fields["head"], let endText = fields["end"], let writtenText = fields["written"],
            let written = Int64(writtenText)
        else { return nil }
        let endParts = endText.split(separator: " ")
        guard endParts.count == 2, let segment = UInt32(endParts[0]), let offset = Int(endParts[1]) else { return nil }
        let head = headText == "none" ? nil : LogHead(headText)
        guard headText == "none" || head != nil else { return nil }
        var checkpoint = LogCheckpoint(
            head: head, endSegment: segment, endOffset: offset, keyFingerprint: fields["key"], writtenAtMillis: written)
        if let signatureText = fields["signature"] {
            guard signatureText.hasPrefix("ed25519 "),
                let signature = Data(base64Encoded: String(signatureText.dropFirst(8)))
            else { return nil }
            checkpoint.signature = signature
        }
        guard checkpoint.fileText == text else { return nil }
        return checkpoint
    }

    /// Writes the checkpoint to `url` durably: a temporary file beside it, synced, renamed over it, and the folder
    /// synced.
    func write(to url: URL) throws {
        let bytes = Array(fileText.utf8)
        let temporary = url.path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogError.io("create", temporary) }
        let written = Foundation.write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
        close(descriptor)
        guard written, rename(temporary, url.path) == 0 else {
            let failure = LogError.io("write", temporary)
            unlink(temporary)
            throw failure
        }
        try SegmentWriter.syncFolder(url.deletingLastPathComponent())
    }

    /// Removes temporary files a process killed while writing the checkpoint at `url` left beside it; call it only
    /// while holding the data folder's lock.
    static func removeTemporaryFiles(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = url.lastPathComponent + ".tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(prefix) {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// Loads an Ed25519 signing key from a file: 32 bytes, or 64 hex digits or base64 of them.
    /// - Throws: ``LogError`` `checkpoint`, naming the file but never its content.
    public static func signingKey(file: URL) throws -> Curve25519.Signing.PrivateKey {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw LogError(.checkpoint, "cannot read the checkpoint signing key \(file.path)")
        }
        let bytes = data.count == 32 ? Array(data) : Pseudonymiser.decodeKey(String(decoding: data, as: UTF8.self))
        guard let bytes, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
            throw LogError(
                .checkpoint,
                "the checkpoint signing key \(file.path) must hold 32 bytes, raw or as 64 hex digits or base64")
        }
        return key
    }

    /// Parses an Ed25519 public key given as 64 hex digits or base64.
    public static func publicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        Pseudonymiser.decodeKey(text).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }
}
