public import Foundation

/// The pseudonymisation key bound to a data folder's log.
///
/// The key's ``Pseudonymiser/fingerprint`` is recorded in `pseudonym.fingerprint` beside the log (and in every
/// checkpoint). Once the log holds data, a missing key, an unreadable key file or a key with another fingerprint is
/// refused with a message that says how to restore it: a new key would give every known citizen a second id. A new
/// key is made only for a folder whose log is empty.
extension Pseudonymiser {
    /// The file beside the log that holds the key's fingerprint.
    public static let fingerprintFileName = "pseudonym.fingerprint"

    /// The key for `folder`'s log: from `SPOR_PSEUDONYM_KEY`, else from `pseudonym.key` in the folder, made there
    /// (mode 0600) when the log is empty and no key was ever recorded. Records the key's fingerprint when none is.
    /// - Parameter checkpointFingerprint: the fingerprint the newest checkpoint holds, also checked when given.
    /// - Throws: ``LogError`` `invalidKey` when the log holds data and the key is missing or another one, when the
    ///   key file cannot be read, or when a key is malformed. The message never holds the key.
    public static func load(
        folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
        checkpointFingerprint: String? = nil
    ) throws -> Pseudonymiser {
        try bind(
            folder: folder, environment: environment, checkpointFingerprint: checkpointFingerprint, mayWrite: true)!
    }

    /// Checks, without writing anything, that the key at hand is the one `folder`'s log was written with.
    /// - Throws: what ``load(folder:environment:checkpointFingerprint:)`` throws, except that nothing is made.
    public static func check(
        folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
        checkpointFingerprint: String? = nil
    ) throws {
        _ = try bind(
            folder: folder, environment: environment, checkpointFingerprint: checkpointFingerprint, mayWrite: false)
    }

    /// What to do to get the right key back.
    static let restoreAdvice =
        "restore the key this log was written with: copy the backup of \(keyFileName) into the data folder (mode 0600) or set \(environmentVariable) to it (64 hex digits or base64)"

    private static func bind(
        folder: URL, environment: [String: String], checkpointFingerprint: String?, mayWrite: Bool
    ) throws -> Pseudonymiser? {
        let fingerprintPath = folder.appendingPathComponent(fingerprintFileName).path
        let recorded = try readFile(fingerprintPath, limit: 256, what: "the key fingerprint")
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        let expected = [recorded, checkpointFingerprint].compactMap { $0 }
        let holdsData = LogScanner(folder: folder).holdsData()
        if let found = try existingKey(folder: folder, environment: environment) {
            let (key, source) = found
            let pseudonymiser = try Pseudonymiser(key: key)
            let fingerprint = pseudonymiser.fingerprint
            if let other = expected.first(where: { $0 != fingerprint }) {
                throw LogError(
                    .invalidKey,
                    "the pseudonymisation key from \(source) is not the key the log in \(folder.path) was written with (its fingerprint is \(fingerprint), the log's \(other)); \(restoreAdvice)"
                )
            }
            if recorded == nil, mayWrite { try writeFingerprint(fingerprint, to: fingerprintPath, folder: folder) }
            return pseudonymiser
        }
        guard !holdsData, expected.isEmpty else {
            throw LogError(
                .invalidKey,
                "the log in \(folder.path) holds data but the pseudonymisation key is missing (neither \(environmentVariable) nor \(keyFileName) in the folder); \(restoreAdvice). A new key would give every known citizen a second id, so none is made"
            )
        }
        guard mayWrite else { return nil }
        let pseudonymiser = try Pseudonymiser(key: try makeKey(folder: folder))
        try writeFingerprint(pseudonymiser.fingerprint, to: fingerprintPath, folder: folder)
        return pseudonymiser
    }

    /// The key from the environment or the key file, with where it came from; `nil` when there is neither.
    private static func existingKey(folder: URL, environment: [String: String]) throws -> ([UInt8], String)? {
        if let text = environment[environmentVariable] {
            guard let key = decodeKey(text) else {
                throw LogError(
                    .invalidKey, "\(environmentVariable) must be 32 bytes written as 64 hex digits or in base64")
            }
            return (key, environmentVariable)
        }
        let path = folder.appendingPathComponent(keyFileName).path
        guard let key = try readFile(path, limit: 33, what: "the pseudonymisation key") else { return nil }
        guard key.count == 32 else {
            throw LogError(.invalidKey, "\(path) must hold exactly 32 bytes; \(restoreAdvice)")
        }
        return (key, path)
    }

    /// Makes a new key file with a temporary file linked into place: it appears whole or not at all, and when
    /// another process got there first, its key wins.
    private static func makeKey(folder: URL) throws -> [UInt8] {
        let path = folder.appendingPathComponent(keyFileName).path
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogError.io("create", temporary) }
        defer { unlink(temporary) }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let written = write(descriptor, key, key.count) == key.count && fsync(descriptor) == 0
        close(descriptor)
        guard written else { throw LogError.io("write", temporary) }
        guard link(temporary, path) == 0 else {
            guard errno == EEXIST, let theirs = try readFile(path, limit: 33, what: "the pseudonymisation key"),
                theirs.count == 32
            else { throw LogError.io("create", path) }
            return theirs
        }
        try SegmentWriter.syncFolder(folder)
        return key
    }

    static func writeFingerprint(_ fingerprint: String, to path: String, folder: URL) throws {
        let bytes = Array((fingerprint + "\n").utf8)
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogError.io("create", temporary) }
        let written = write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            let failure = LogError.io("write", temporary)
            unlink(temporary)
            throw failure
        }
        try SegmentWriter.syncFolder(folder)
    }

    /// A pseudonymiser with the key in the file at `path` (`--key-file`): 32 raw bytes as a data folder's
    /// `pseudonym.key` holds them, or 64 hex digits or base64 as `SPOR_PSEUDONYM_KEY` takes them.
    /// - Throws: ``LogError`` `invalidKey` naming the file (never its content) when it cannot be read or holds no key.
    public init(keyFile path: String) throws {
        guard let bytes = try Self.readFile(path, limit: 256, what: "the key file") else {
            throw LogError(.invalidKey, "cannot read the key file \(path): it does not exist")
        }
        if bytes.count == 32 {
            try self.init(key: bytes)
        } else {
            try self.init(keyText: String(decoding: bytes, as: UTF8.self), source: "the key file \(path)")
        }
    }

    /// Up to `limit` bytes of a file, `nil` when it does not exist.
    /// - Throws: ``LogError`` `invalidKey` when it exists but cannot be read (a folder, no permission).
    private static func readFile(_ path: String, limit: Int, what: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw unreadable(path, what: what)
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let read = buffer.withUnsafeMutableBytes {
                Foundation.read(descriptor, $0.baseAddress! + count, limit - count)
            }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { throw unreadable(path, what: what) }
            if read == 0 { break }
            count += read
        }
        return Array(buffer[0..<count])
    }

    private static func unreadable(_ path: String, what: String) -> LogError {
        LogError(.invalidKey, "cannot read \(what) in \(path) (\(String(cString: strerror(errno)))); \(restoreAdvice)")
    }
}
