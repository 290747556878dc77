import Crypto
import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporLog

/// The head checkpointed at close and while writing, held against the log by opening and verifying.
@Suite struct CheckpointTests {
    func checkpoint(_ folder: TemporaryFolder) throws -> LogCheckpoint? {
        try LogCheckpoint.read(folder.path(LogCheckpoint.defaultFileName))
    }

    @Test func closeCheckpointsTheHeadVerifyReports() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        #expect(try checkpoint(folder)?.head == nil)
        try await recordResponses(log, count: 3)
        await log.close()
        let report = try LogVerifier.verify(folder: folder.url)
        let written = try #require(try checkpoint(folder))
        #expect(written.head == LogHead(sequence: 2, hash: report.headHash))
        #expect(report.head == written.head)
        #expect(report.checkpoint == written)
        #expect(written.endSegment == 1)
        #expect(written.endOffset == (try segmentBytes(folder)).count)
        #expect(written.keyFingerprint == (try Pseudonymiser.load(folder: folder.url, environment: [:])).fingerprint)
    }

    @Test func checkpointsWhileWriting() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = try EventLog.open(
            folder: folder.url, configuration: EventLog.Configuration(checkpointInterval: 0), logger: testLogger)
        try await recordResponses(log, count: 2)
        // The flush queue writes the checkpoint of the first append before the second append's records.
        #expect(try checkpoint(folder)?.head?.sequence ?? 0 >= 0)
        #expect(try checkpoint(folder)?.head != nil)
        await log.close()
    }

    @Test func checkpointOutsideTheFolder() async throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        defer {
            folder.remove()
            outside.remove()
        }
        let file = outside.path("head")
        let log = try EventLog.open(
            folder: folder.url, configuration: EventLog.Configuration(checkpointFile: file), logger: testLogger)
        try await recordResponses(log, count: 2)
        await log.close()
        #expect(try LogCheckpoint.read(file)?.head?.sequence == 1)
        #expect(try checkpoint(folder) == nil)
        #expect(try LogVerifier.verify(folder: folder.url, checkpointFile: file).checkpoint != nil)
    }

    @Test func expectedHeadMustStillBeThere() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, _) = try openLog(folder)
        try await recordResponses(log, count: 3)
        await log.close()
        let head = try #require(try LogVerifier.verify(folder: folder.url).head)
        #expect(throws: Never.self) { try LogVerifier.verify(folder: folder.url, expectedHeads: [head]) }
        let changed = LogHead(sequence: 1, hash: head.hash)
        let mismatch = #expect(throws: LogError.self) {
            try LogVerifier.verify(folder: folder.url, expectedHeads: [changed])
        }
        #expect(mismatch?.offset == recordOffsets(try segmentBytes(folder))[1])
        let beyond = LogHead(sequence: 7, hash: head.hash)
        let missing = #expect(throws: LogError.self) {
            try LogVerifier.verify(folder: folder.url, expectedHeads: [beyond])
        }
        #expect(missing?.message.contains("records at the end are missing") == true)
    }

    @Test func signedCheckpoints() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let key = Curve25519.Signing.PrivateKey()
        let configuration = EventLog.Configuration(checkpointSigningKey: key)
        let log = try EventLog.open(folder: folder.url, configuration: configuration, logger: testLogger)
        try await recordResponses(log, count: 2)
        await log.close()
        #expect(try checkpoint(folder)?.signature != nil)
        #expect(throws: Never.self) { try LogVerifier.verify(folder: folder.url, checkpointPublicKey: key.publicKey) }
        let other = Curve25519.Signing.PrivateKey().publicKey
        let error = #expect(throws: LogError.self) {
            try LogVerifier.verify(folder: folder.url, checkpointPublicKey: other)
        }
        #expect(error?.code == .checkpoint)
        // A checkpoint written by someone without the key: unsigned, or signed by another.
        var forged = try #require(try checkpoint(folder))
        forged.signature = nil
        try forged.write(to: folder.path(LogCheckpoint.defaultFileName))
        let unsigned = #expect(throws: LogError.self) {
            try EventLog.open(folder: folder.url, configuration: configuration, logger: testLogger)
        }
        #expect(unsigned?.code == .checkpoint)
        try forged.sign(with: Curve25519.Signing.PrivateKey())
        try forged.write(to: folder.path(LogCheckpoint.defaultFileName))
        #expect(throws: LogError.self) {
            try EventLog.open(folder: folder.url, configuration: configuration, logger: testLogger)
        }
    }

    @Test func fileFormatRoundTripsAndRefusesEdits() throws {
        var checkpoint = LogCheckpoint(
            head: LogHead(sequence: 41, hash: String(repeating: "ab", count: 32)), endSegment: 3, endOffset: 1234,
            keyFingerprint: String(repeating: "0f", count: 16), writtenAtMillis: 1_795_428_816_290)
        #expect(LogCheckpoint.parse(checkpoint.fileText) == checkpoint)
        try checkpoint.sign(with: Curve25519.Signing.PrivateKey())
        #expect(LogCheckpoint.parse(checkpoint.fileText) == checkpoint)
        #expect(LogCheckpoint.parse(checkpoint.fileText.replacingOccurrences(of: "end 3", with: "end  3")) == nil)
        #expect(LogCheckpoint.parse("spor-checkpoint 1\nhead none\n") == nil)
        #expect(LogHead("41:" + String(repeating: "AB", count: 32)) == checkpoint.head)
        #expect(LogHead("41:abc") == nil)
    }
}
