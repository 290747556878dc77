import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

@Suite struct PseudonymiserTests {
    let cpr = try! CPRNumber(parsing: "010190-1234")

    @Test func sameNumberSameIdAndKeyMatters() throws {
        let one = try Pseudonymiser(key: [UInt8](repeating: 1, count: 32))
        let two = try Pseudonymiser(key: [UInt8](repeating: 2, count: 32))
        let id = one.citizenID(for: cpr)
        #expect(id == one.citizenID(for: try CPRNumber(parsing: "0101901234")))
        #expect(id != two.citizenID(for: cpr))
        #expect(id.rawValue.hasPrefix("p-"))
        #expect(id.rawValue.utf8.count == 34)
        #expect(!id.rawValue.contains("0101"))
    }

    @Test func keyFileIsCreatedOnceWithMode0600() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try Pseudonymiser.load(folder: folder.url, environment: [:])
        let second = try Pseudonymiser.load(folder: folder.url, environment: [:])
        #expect(first.citizenID(for: cpr) == second.citizenID(for: cpr))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path("pseudonym.key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
    }

    @Test func keyFromTheEnvironmentInHexOrBase64() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let key = (0..<32).map { UInt8($0) }
        let hex = key.map { String(format: "%02x", $0) }.joined()
        let fromHex = try Pseudonymiser.load(folder: folder.url, environment: ["SPOR_PSEUDONYM_KEY": hex])
        let fromBase64 = try Pseudonymiser.load(
            folder: folder.url, environment: ["SPOR_PSEUDONYM_KEY": Data(key).base64EncodedString()])
        #expect(fromHex.citizenID(for: cpr) == (try Pseudonymiser(key: key)).citizenID(for: cpr))
        #expect(fromBase64.citizenID(for: cpr) == fromHex.citizenID(for: cpr))
        #expect(!FileManager.default.fileExists(atPath: folder.path("pseudonym.key").path))
        let error = #expect(throws: LogError.self) {
            try Pseudonymiser.load(folder: folder.url, environment: ["SPOR_PSEUDONYM_KEY": "secret-value-123"])
        }
        #expect(error?.code == .invalidKey)
        #expect(error?.description.contains("secret-value-123") == false)
    }

    @Test func base32MatchesRFC4648() {
        #expect(Pseudonymiser.base32(Array("foobar".utf8)[...]) == "mzxw6ytboi")
    }
}

/// The key bound to the log: made only for an empty folder, refused when missing or another once there is data.
@Suite struct PseudonymKeyBindingTests {
    func folderWithData() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let (log, _) = try openLog(folder)
        try await recordResponses(log, count: 2)
        await log.close()
        return folder
    }

    @Test func newFolderGetsAKeyAndItsFingerprint() async throws {
        let folder = try await folderWithData()
        defer { folder.remove() }
        let key = try Data(contentsOf: folder.path(Pseudonymiser.keyFileName))
        let fingerprint = try String(contentsOf: folder.path(Pseudonymiser.fingerprintFileName), encoding: .utf8)
        #expect(fingerprint == (try Pseudonymiser(key: Array(key))).fingerprint + "\n")
        #expect(!fingerprint.contains(key.map { String(format: "%02x", $0) }.joined()))
    }

    @Test func missingKeyIsRefusedOnceThereIsData() async throws {
        let folder = try await folderWithData()
        defer { folder.remove() }
        try FileManager.default.removeItem(at: folder.path(Pseudonymiser.keyFileName))
        for attempt in 0..<2 {
            let error = #expect(throws: LogError.self) {
                if attempt == 0 {
                    _ = try openLog(folder)
                } else {
                    _ = try Pseudonymiser.load(folder: folder.url, environment: [:])
                }
            }
            #expect(error?.code == .invalidKey)
            #expect(error?.message.contains("restore") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path(Pseudonymiser.keyFileName).path))
    }

    @Test func anotherKeyIsRefusedEvenWithoutTheFingerprintFile() async throws {
        let folder = try await folderWithData()
        defer { folder.remove() }
        try FileManager.default.removeItem(at: folder.path(Pseudonymiser.fingerprintFileName))
        let other = String(repeating: "11", count: 32)
        // The checkpoint still holds the fingerprint.
        let error = #expect(throws: LogError.self) {
            try EventLog.open(
                folder: folder.url, configuration: EventLog.Configuration(environment: ["SPOR_PSEUDONYM_KEY": other]),
                logger: testLogger)
        }
        #expect(error?.code == .invalidKey)
        #expect(error?.description.contains(other) == false)
    }

    @Test func unreadableKeyFileIsAnErrorNotARecursion() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            at: folder.path(Pseudonymiser.keyFileName), withIntermediateDirectories: false)
        let error = #expect(throws: LogError.self) { try Pseudonymiser.load(folder: folder.url, environment: [:]) }
        #expect(error?.code == .invalidKey)
        #expect(error?.message.contains("cannot read") == true)
    }
}
