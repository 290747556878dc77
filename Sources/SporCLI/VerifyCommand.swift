import ArgumentParser
import Foundation
import SporInstruments
import SporLog

/// `spor verify`: checks every record and the whole hash chain against the newest checkpoint and the heads given,
/// without changing anything, and prints the head to keep.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every record, the hash chain, the checkpoint and the heads given; print the head to keep, or the first break.")

    @OptionGroup var options: DataFolderOptions

    @Option(name: .customLong("expect-head"), help: "A head printed by an earlier verify, SEQ:HASH: that record must still be there, unchanged. Repeatable.")
    var expectHead: [String] = []

    @Option(name: .customLong("checkpoint-public-key"), help: "The Ed25519 public key (64 hex digits) the checkpoint must be signed with (default: $SPOR_CHECKPOINT_PUBLIC_KEY).")
    var checkpointPublicKey: String?

    func validate() throws {
        for text in expectHead where LogHead(text) == nil {
            throw ValidationError("--expect-head takes SEQ:HASH, the sequence number and 64 hex digits")
        }
        if let key = publicKeyText, LogCheckpoint.publicKey(key) == nil {
            throw ValidationError("--checkpoint-public-key takes an Ed25519 public key as 64 hex digits or base64")
        }
    }

    private var publicKeyText: String? {
        checkpointPublicKey ?? ProcessInfo.processInfo.environment["SPOR_CHECKPOINT_PUBLIC_KEY"]
    }

    func run() async throws {
        let report: LogVerifier.Report
        do {
            report = try LogVerifier.verify(
                folder: options.folder, checkpointFile: options.checkpointFile, expectedHeads: expectHead.compactMap { LogHead($0) },
                checkpointPublicKey: publicKeyText.flatMap(LogCheckpoint.publicKey))
        } catch let error as LogError where error.code == .corrupt || error.code == .checkpoint {
            switch options.format {
            case .table:
                print("BROKEN: \(error.description)")
            case .json:
                let segment = error.segment.map(JSONWriter.quoted) ?? "null"
                print("{\"ok\":false,\"segment\":\(segment),\"offset\":\(error.offset.map(String.init) ?? "null"),\"message\":\(JSONWriter.quoted(error.message))}")
            }
            throw ExitCode(2)
        }
        let head = report.head?.description
        switch options.format {
        case .table:
            print("ok: \(report.records) records, head \(report.headHash)")
            print("head to keep: \(head ?? "none (the log is empty)")")
            if let checkpoint = report.checkpoint {
                let signed = checkpoint.signature == nil ? "unsigned" : publicKeyText == nil ? "signed, signature not checked" : "signature valid"
                print("checkpoint: \(checkpoint.head?.description ?? "empty log") (\(signed)) in \(report.checkpointFile.path)")
            } else {
                print("note: no checkpoint at \(report.checkpointFile.path); records cut off the end could not be noticed")
            }
            if report.tornBytes > 0 {
                print("note: \(report.tornBytes) bytes of an unfinished write at the end; the next write command cuts them off")
            }
        case .json:
            let checkpoint = report.checkpoint.map { checkpoint in
                "{\"file\":\(JSONWriter.quoted(report.checkpointFile.path)),\"head\":\(checkpoint.head.map { JSONWriter.quoted($0.description) } ?? "null"),\"signed\":\(checkpoint.signature != nil)}"
            }
            print("{\"ok\":true,\"records\":\(report.records),\"headHash\":\"\(report.headHash)\",\"head\":\(head.map(JSONWriter.quoted) ?? "null"),\"tornBytes\":\(report.tornBytes),\"checkpoint\":\(checkpoint ?? "null")}")
        }
    }
}
