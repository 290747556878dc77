import ArgumentParser
import SporInstruments
import SporApplication

/// `spor verify`: checks every record and the whole hash chain, without changing anything.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every record and the hash chain; print the record count and head hash, or the first break.")

    @OptionGroup var options: DataFolderOptions

    func run() async throws {
        let verification = try options.useCases(.administering).verify(by: .cli())
        let audit = verification.audit
        if let broken = verification.broken {
            switch options.format {
            case .table:
                print("BROKEN: \(broken.description)")
            case .json:
                let segment = broken.segment.map(JSONWriter.quoted) ?? "null"
                print("{\"ok\":false,\"segment\":\(segment),\"offset\":\(broken.offset.map(String.init) ?? "null"),\"message\":\(JSONWriter.quoted(broken.message))}")
            }
            throw ExitCode(2)
        }
        switch options.format {
        case .table:
            print("ok: \(verification.records) records, head \(verification.headHash)")
            if verification.tornBytes > 0 {
                print("note: \(verification.tornBytes) bytes of an unfinished write at the end; the next write command cuts them off")
            }
            if audit.broken.isEmpty {
                print("audit trail ok: \(audit.lines) lines" + (audit.unchained > 0 ? " (\(audit.unchained) from before lines were chained)" : ""))
            } else {
                print("AUDIT TRAIL BROKEN: lines \(audit.broken.map(String.init).joined(separator: ", ")) are damaged or out of chain")
            }
        case .json:
            print(
                "{\"ok\":\(audit.broken.isEmpty),\"records\":\(verification.records),\"headHash\":\"\(verification.headHash)\","
                    + "\"tornBytes\":\(verification.tornBytes),\"audit\":{\"lines\":\(audit.lines),\"unchained\":\(audit.unchained),"
                    + "\"broken\":[\(audit.broken.map(String.init).joined(separator: ","))]}}")
        }
        if !audit.broken.isEmpty { throw ExitCode(2) }
    }
}
