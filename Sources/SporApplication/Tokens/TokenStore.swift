import Crypto
public import Foundation
public import SporInstruments
import Synchronization

/// The bearer tokens of a data folder, in `tokens.json` (mode 0600), stored only as SHA-256 hashes.
///
/// ```swift
/// let store = TokenStore(folder: dataFolder)
/// let (token, _) = try store.create(name: "anna", role: .staff, units: [Label(rawValue: "bostotte-nord")!])
/// let identity = try store.identity(for: token)   // Identity(name: "anna", role: .staff, …)
/// ```
///
/// The file is read again whenever it changed, so `spor token revoke` takes effect in a running daemon at the
/// next request.
public final class TokenStore: Sendable {
    /// The file name in the data folder.
    public static let fileName = "tokens.json"
    /// Every token begins with this, so a leaked one is easy to recognise in a secret scanner.
    public static let prefix = "spor_"

    public let folder: URL
    private let cache = Mutex<(version: [Int], byHash: [String: TokenRecord])?>(nil)

    /// The file's path, checked for changes on every request.
    private let path: String

    public init(folder: URL) {
        self.folder = folder
        self.path = folder.appendingPathComponent(Self.fileName).path
    }

    private var url: URL { folder.appendingPathComponent(Self.fileName) }

    /// All tokens, revoked ones included, in the order they were created.
    public func list() throws -> [TokenRecord] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            if FileManager.default.fileExists(atPath: url.path) {
                throw TokenError(.storage, "cannot read \(url.path)")
            }
            return []
        }
        do {
            return try Self.decoder.decode([TokenRecord].self, from: data)
        } catch {
            throw TokenError(.storage, "\(url.path) is not a valid token file")
        }
    }

    /// Creates a token and returns it: the only time its value is ever available.
    public func create(
        name: String, role: Role, units: [Label], now: Date = Date()
    ) throws -> (token: String, record: TokenRecord) {
        try Self.checkNew(name: name, role: role, units: units)
        return try changing { records in try Self.add(name: name, role: role, units: units, now: now, to: &records) }
    }

    /// Refuses a new token's name or units by the rules ``create(name:role:units:now:)`` states.
    static func checkNew(name: String, role: Role, units: [Label]) throws {
        switch Label.problem(with: name) {
        case .format?: throw TokenError(.invalidName, "a token name must be 1-64 of A-Z a-z 0-9 . _ -")
        case .cpr?: throw TokenError(.invalidName, "a token name must not contain a CPR number")
        case nil: break
        }
        if role == .staff, units.isEmpty {
            throw TokenError(.invalidUnits, "a staff token needs at least one --unit")
        }
        if role != .staff, !units.isEmpty {
            throw TokenError(.invalidUnits, "only staff tokens are limited to units")
        }
    }

    /// Adds a new token named `name` to `records` and returns it with its record.
    static func add(
        name: String, role: Role, units: [Label], now: Date, to records: inout [TokenRecord]
    ) throws -> (token: String, record: TokenRecord) {
        guard !records.contains(where: { $0.name == name }) else {
            throw TokenError(.invalidName, "a token named \(name) exists already")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token =
            prefix
            + Data(secret).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let record = TokenRecord(
            name: name, role: role, units: Array(Set(units)).sorted(), hash: hash(token), created: wholeSeconds(now))
        records.append(record)
        return (token, record)
    }

    /// Revokes the token named `name`; requests with it get 401 from then on.
    @discardableResult
    public func revoke(name: String, now: Date = Date()) throws -> TokenRecord {
        try changing { records in try Self.revoke(name: name, now: now, in: &records) }
    }

    static func revoke(name: String, now: Date, in records: inout [TokenRecord]) throws -> TokenRecord {
        guard let index = records.firstIndex(where: { $0.name == name }) else {
            // A name that is not a label may hold anything, a CPR number too: it is not repeated.
            throw TokenError(.unknownName, Label.isValid(name) ? "no token is named \(name)" : "no token has that name")
        }
        guard records[index].revoked == nil else {
            throw TokenError(.alreadyRevoked, "the token \(name) is revoked already")
        }
        records[index].revoked = wholeSeconds(now)
        return records[index]
    }

    /// Reads the tokens, lets `change` change them and writes them back, all under the file's lock, so concurrent
    /// creates and revokes (from several commands or a command and the daemon) never lose one another.
    private func changing<Result>(_ change: (inout [TokenRecord]) throws -> Result) throws -> Result {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw TokenError(.storage, "cannot create \(folder.path)")
        }
        do {
            return try DurableFile.withExclusiveLock(on: url) {
                var records = try list()
                let result = try change(&records)
                try save(records)
                return result
            }
        } catch let error as DurableFile.Failure {
            throw TokenError(.storage, error.description)
        }
    }

    /// The identity of a live token, or `nil` for an unknown or revoked one.
    public func identity(for token: String) throws -> Identity? {
        try identity(hash: Self.hash(token))
    }

    /// The identity of the live token with this SHA-256, as a web session keeps it.
    public func identity(hash: String) throws -> Identity? {
        let version = DurableFile.version(atPath: path)
        let byHash = try cache.withLock { cached -> [String: TokenRecord] in
            if let cached, cached.version == version { return cached.byHash }
            let records = try list()
            let byHash = Dictionary(records.map { ($0.hash, $0) }, uniquingKeysWith: { first, _ in first })
            cached = (version, byHash)
            return byHash
        }
        guard let record = byHash[hash], record.revoked == nil else { return nil }
        return record.identity
    }

    private func save(_ records: [TokenRecord]) throws {
        do {
            try DurableFile.replace(url, with: Array(try Self.encoder.encode(records)))
        } catch {
            throw TokenError(.storage, "cannot write \(url.path): \(error)")
        }
    }

    /// The SHA-256 of a token in lowercase hex, as `tokens.json` holds it; runs on every request.
    public static func hash(_ token: String) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { output in
            var index = 0
            for byte in SHA256.hash(data: Array(token.utf8)) {
                output[index] = digits.utf8Start[Int(byte >> 4)]
                output[index + 1] = digits.utf8Start[Int(byte & 15)]
                index += 2
            }
            return index
        }
    }

    private static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
