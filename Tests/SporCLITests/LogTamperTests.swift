import Foundation
import SporTesting
import Testing

/// Damage or tampering anywhere but a real torn write: `spor verify` fails naming segment and offset, opening
/// refuses, and nothing acknowledged is cut. Each case went unnoticed (or was cut off) before checkpoints.
@Suite struct LogTamperTests {
    /// A data folder with responses over several small segments: an import (one batch) and single records.
    func folderWithSegments() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let file = folder.path("data.jsonl")
        try SyntheticData(seed: 11, responses: 300).writeJSONL(to: file)
        let imported = try spor(["import", file.path, "--segment-size", "8192"], data: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        try FileManager.default.removeItem(at: file)
        for day in 1...5 {
            let record = try spor(
                [
                    "record", "--citizen", "c-\(day)", "--instrument", "who5", "--date", "2026-01-0\(day)", "--answers",
                    "1,2,3,4,5",
                    "--segment-size", "8192",
                ], data: folder)
            #expect(record.status == 0, "\(record.stderr)")
        }
        #expect(SegmentFiles(folder: folder).names.count >= 4)
        return folder
    }

    /// `spor verify` fails naming `segment`, a write command refuses to open naming it too, and the segments are
    /// left exactly as they were.
    func expectRefused(
        _ folder: TemporaryFolder, segment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let files = SegmentFiles(folder: folder)
        let before = try files.contents()
        let verify = try spor(["verify"], data: folder)
        #expect(verify.status == 2, "\(verify.stdout) \(verify.stderr)", sourceLocation: sourceLocation)
        #expect(verify.stdout.hasPrefix("BROKEN: "), sourceLocation: sourceLocation)
        #expect(verify.stdout.contains("(\(segment)"), "\(verify.stdout)", sourceLocation: sourceLocation)
        let json = try spor(["verify", "--format", "json"], data: folder)
        #expect(
            json.stdout.contains("\"ok\":false,\"segment\":\"\(segment)\",\"offset\":"), sourceLocation: sourceLocation)
        let record = try spor(
            [
                "record", "--citizen", "c-9", "--instrument", "who5", "--date", "2026-02-01", "--answers", "1,1,1,1,1",
                "--segment-size", "8192",
            ], data: folder)
        #expect(record.status != 0, sourceLocation: sourceLocation)
        #expect(record.stderr.contains("(\(segment)"), "\(record.stderr)", sourceLocation: sourceLocation)
        #expect(try files.contents() == before, "opening changed the segments", sourceLocation: sourceLocation)
    }

    @Test func deletedNewestSegment() throws {
        let folder = try folderWithSegments()
        defer { folder.remove() }
        let newest = SegmentFiles(folder: folder).names.last!
        try FileManager.default.removeItem(at: folder.path(newest))
        try expectRefused(folder, segment: newest)
    }

    @Test func deletedMiddleSegment() throws {
        let folder = try folderWithSegments()
        defer { folder.remove() }
        let middle = SegmentFiles(folder: folder).names[1]
        try FileManager.default.removeItem(at: folder.path(middle))
        try expectRefused(folder, segment: middle)
    }

    @Test func newestSegmentCutInTheMiddle() throws {
        let folder = try folderWithSegments()
        defer { folder.remove() }
        let files = SegmentFiles(folder: folder)
        let newest = files.names.last!
        let bytes = try files.bytes(newest)
        try files.write(newest, Array(bytes[0..<bytes.count / 2]))
        try expectRefused(folder, segment: newest)
    }

    @Test func middleSegmentCutInTheMiddle() throws {
        let folder = try folderWithSegments()
        defer { folder.remove() }
        let files = SegmentFiles(folder: folder)
        let middle = files.names[1]
        let bytes = try files.bytes(middle)
        try files.write(middle, Array(bytes[0..<bytes.count / 2]))
        try expectRefused(folder, segment: middle)
    }

    @Test func lengthFieldChangedNearTheEnd() throws {
        let folder = try folderWithSegments()
        defer { folder.remove() }
        let files = SegmentFiles(folder: folder)
        let newest = files.names.last!
        var bytes = try files.bytes(newest)
        let offsets = SegmentFiles.recordOffsets(bytes)
        #expect(offsets.count >= 3)
        // A length that runs past the end of the segment, as a write cut short would leave, with records after it.
        SegmentFiles.store(0x000F_0000, in: &bytes, at: offsets[offsets.count - 3])
        try files.write(newest, bytes)
        try expectRefused(folder, segment: newest)
    }

    @Test func lastRecordRewrittenWithValidChecksumAndChain() throws {
        let folder = try folderWithSegments()
        defer { folder.remove() }
        let files = SegmentFiles(folder: folder)
        let newest = files.names.last!
        var bytes = try files.bytes(newest)
        let last = SegmentFiles.recordOffsets(bytes).last!
        // The time appended (body bytes 12-19): the record still links to the one before it.
        bytes[last + 8 + 12] ^= 0x01
        SegmentFiles.fixChecksum(&bytes, recordAt: last)
        try files.write(newest, bytes)
        try expectRefused(folder, segment: newest)
    }

    @Test func headKeptOutsideCatchesACutEvenWithoutTheCheckpoint() throws {
        let folder = try folderWithSegments()
        defer { folder.remove() }
        let verify = try spor(["verify", "--format", "json"], data: folder)
        let head = try #require(verify.stdout.firstMatch(of: /"head":"([0-9]+:[0-9a-f]{64})"/)).1
        let kept = try spor(["verify", "--expect-head", String(head)], data: folder)
        #expect(kept.status == 0, "\(kept.stdout)")
        #expect(kept.stdout.contains("head to keep: \(head)"))
        // Someone with access to the folder removes the newest segment and the checkpoint beside it.
        try FileManager.default.removeItem(at: folder.path(SegmentFiles(folder: folder).names.last!))
        try FileManager.default.removeItem(at: folder.path("log.checkpoint"))
        let unaware = try spor(["verify"], data: folder)
        #expect(unaware.status == 0)
        #expect(unaware.stdout.contains("note: no checkpoint"))
        let checked = try spor(["verify", "--expect-head", String(head)], data: folder)
        #expect(checked.status == 2)
        #expect(checked.stdout.contains("the expected head \(head) holds records up to sequence"), "\(checked.stdout)")
    }

    @Test func checkpointOutsideTheFolderAndSigned() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        defer {
            folder.remove()
            outside.remove()
        }
        let keyFile = outside.path("checkpoint-signing.key")
        let made = try SporBinary.run(["checkpoint-key", keyFile.path])
        #expect(made.status == 0, "\(made.stderr)")
        let publicKey = try #require(made.stdout.firstMatch(of: /public key: ([0-9a-f]{64})/)).1
        let checkpoint = outside.path("spor.checkpoint")
        let environment = ["SPOR_CHECKPOINT": checkpoint.path, "SPOR_CHECKPOINT_SIGNING_KEY": keyFile.path]
        let record = try SporBinary.run(
            [
                "record", "--citizen", "c-1", "--instrument", "who5", "--date", "2026-01-01", "--answers", "1,1,1,1,1",
                "--data", folder.url.path,
            ], environment: environment)
        #expect(record.status == 0, "\(record.stderr)")
        #expect(FileManager.default.fileExists(atPath: checkpoint.path))
        #expect(!FileManager.default.fileExists(atPath: folder.path("log.checkpoint").path))
        let verify = try SporBinary.run(
            [
                "verify", "--data", folder.url.path, "--checkpoint", checkpoint.path, "--checkpoint-public-key",
                String(publicKey),
            ])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        #expect(verify.stdout.contains("(signature valid)"))
        // A checkpoint forged without the key: the head line changed, the signature kept.
        let text = try String(contentsOf: checkpoint, encoding: .utf8)
        try text.replacingOccurrences(of: "head 0:", with: "head 1:").write(
            to: checkpoint, atomically: true, encoding: .utf8)
        let forged = try SporBinary.run(
            [
                "verify", "--data", folder.url.path, "--checkpoint", checkpoint.path, "--checkpoint-public-key",
                String(publicKey),
            ])
        #expect(forged.status == 2)
        #expect(forged.stdout.contains("valid signature"), "\(forged.stdout)")
        let open = try SporBinary.run(
            [
                "record", "--citizen", "c-2", "--instrument", "who5", "--date", "2026-01-01", "--answers", "1,1,1,1,1",
                "--data", folder.url.path,
            ], environment: environment)
        #expect(open.status != 0)
        #expect(open.stderr.contains("valid signature"), "\(open.stderr)")
    }
}
