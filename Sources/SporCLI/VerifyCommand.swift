import ArgumentParser
import Foundation
import SporApplication
import SporInstruments

/// `spor verify`: checks every record and the whole hash chain against the newest checkpoint and the heads given,
/// and the access audit trail, without changing anything; prints the head to keep.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check every record, the hash chain, the checkpoint, the heads given and the audit trail; print the head to keep, or the first break."
    )

    @OptionGroup var options: DataFolderOptions

    @Option(
        name: .customLong("expect-head"),
        help: "A head printed by an earlier verify, SEQ:HASH: that record must still be there, unchanged. Repeatable.")
    var expectHead: [String] = []

    @Option(
        name: .customLong("checkpoint-public-key"),
        help:
            "The Ed25519 public key (64 hex digits) the checkpoint must be signed with (default: $SPOR_CHECKPOINT_PUBLIC_KEY)."
    )
    var checkpointPublicKey: String?

    func run() async throws {
        let publicKey = checkpointPublicKey ?? ProcessInfo.processInfo.environment["SPOR_CHECKPOINT_PUBLIC_KEY"]
        if let store = options.storeURL { return try await verifyStore(store, publicKey: publicKey) }
        let verification = try options.useCases(.administering).verify(
            expectedHeads: expectHead, checkpointPublicKey: publicKey, by: .cli())
        let audit = verification.audit
        if let broken = verification.broken {
            switch options.format {
            case .json:
                let segment = broken.segment.map(JSONWriter.quoted) ?? "null"
                print(
                    "{\"ok\":false,\"segment\":\(segment),\"offset\":\(broken.offset.map(String.init) ?? "null"),\"message\":\(JSONWriter.quoted(broken.message))}"
                )
            default:
                print("BROKEN: \(broken.description)")
            }
            throw ExitCode(2)
        }
        switch options.format {
        case .json:
            let checkpoint = verification.checkpoint.map { checkpoint in
                "{\"file\":\(JSONWriter.quoted(checkpoint.file)),\"head\":\(checkpoint.head.map(JSONWriter.quoted) ?? "null"),\"signed\":\(checkpoint.signed)}"
            }
            print(
                "{\"ok\":\(audit.broken.isEmpty),\"records\":\(verification.records),\"headHash\":\"\(verification.headHash)\","
                    + "\"head\":\(verification.head.map(JSONWriter.quoted) ?? "null"),\"tornBytes\":\(verification.tornBytes),"
                    + "\"checkpoint\":\(checkpoint ?? "null"),\"audit\":{\"lines\":\(audit.lines),\"unchained\":\(audit.unchained),"
                    + "\"broken\":[\(audit.broken.map(String.init).joined(separator: ","))]}}")
        default:
            print("ok: \(verification.records) records, head \(verification.headHash)")
            print("head to keep: \(verification.head ?? "none (the log is empty)")")
            if let checkpoint = verification.checkpoint {
                let signed =
                    !checkpoint.signed
                    ? "unsigned" : publicKey == nil ? "signed, signature not checked" : "signature valid"
                print("checkpoint: \(checkpoint.head ?? "empty log") (\(signed)) in \(checkpoint.file)")
            } else {
                print(
                    "note: no checkpoint at \(verification.checkpointFile); records cut off the end could not be noticed"
                )
            }
            if verification.tornBytes > 0 {
                print(
                    "note: \(verification.tornBytes) bytes of an unfinished write at the end; the next write command cuts them off"
                )
            }
            printAudit(lines: audit.lines, unchained: audit.unchained, broken: audit.broken)
        }
        if !audit.broken.isEmpty { throw ExitCode(2) }
    }

    /// `--store`: the chain in the database, held to its newest checkpoint and the heads given; exit status 2 at
    /// the first break.
    private func verifyStore(_ store: String, publicKey: String?) async throws {
        let found = try await StoreCopy.verify(
            store: store, expectedHeads: expectHead, checkpointPublicKey: publicKey, by: .cli(),
            logger: DataFolderOptions.logger)
        switch options.format {
        case .json:
            let broken: JSONValue =
                found.brokenMessage.map {
                    .object([
                        ("seq", found.brokenSequence.map { .integer(Int($0)) } ?? .null), ("message", .string($0)),
                    ])
                } ?? .null
            let checkpoint: JSONValue =
                found.checkpoint.map {
                    .object([
                        ("row", .integer(Int($0.row))), ("head", $0.head.map { .string($0) } ?? .null),
                        ("signed", .bool($0.signed)),
                    ])
                } ?? .null
            let audit: JSONValue = .object([
                ("lines", .integer(found.audit.lines)), ("broken", .array(found.audit.broken.map { .integer($0) })),
            ])
            print(
                JSONValue.object([
                    ("ok", .bool(found.isIntact && found.audit.broken.isEmpty)),
                    ("store", .string(found.store)), ("records", .integer(Int(found.records))),
                    ("headHash", .string(found.headHash)), ("head", found.head.map { .string($0) } ?? .null),
                    ("checkpoint", checkpoint), ("broken", broken), ("audit", audit),
                ]).jsonText)
        default:
            if let message = found.brokenMessage {
                print("BROKEN: \(found.store)\(found.brokenSequence.map { " at seq \($0)" } ?? ""): \(message)")
                print("\(found.records) records before it are intact")
            } else {
                print("ok: \(found.records) records in \(found.store), head \(found.headHash)")
                print("head to keep: \(found.head ?? "none (the log is empty)")")
                if let checkpoint = found.checkpoint {
                    let signed =
                        !checkpoint.signed
                        ? "unsigned" : publicKey == nil ? "signed, signature not checked" : "signature valid"
                    print(
                        "checkpoint: \(checkpoint.head ?? "empty log") (\(signed)) in spor_checkpoints row \(checkpoint.row)"
                    )
                } else {
                    print(
                        "note: no checkpoint in spor_checkpoints (a daemon writes them with SPOR_CHECKPOINT_SIGNING_KEY); rows cut off the end could not be noticed"
                    )
                }
            }
            printAudit(lines: found.audit.lines, unchained: 0, broken: found.audit.broken)
        }
        if !found.isIntact || !found.audit.broken.isEmpty { throw ExitCode(2) }
    }

    /// The audit trail's line of the table output.
    private func printAudit(lines: Int, unchained: Int, broken: [Int]) {
        if broken.isEmpty {
            print(
                "audit trail ok: \(lines) lines"
                    + (unchained > 0 ? " (\(unchained) from before lines were chained)" : ""))
        } else {
            print(
                "AUDIT TRAIL BROKEN: lines \(broken.map(String.init).joined(separator: ", ")) are damaged or out of chain"
            )
        }
    }
}
