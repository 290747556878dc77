import ArgumentParser
import SporInstruments
import SporLog

/// `spor verify`: checks every record and the whole hash chain, without changing anything.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every record and the hash chain; print the record count and head hash, or the first break.")

    @OptionGroup var options: DataFolderOptions

    func run() async throws {
        let report: LogVerifier.Report
        do {
            report = try LogVerifier.verify(folder: options.folder)
        } catch let error as LogError where error.code == .corrupt {
            switch options.format {
            case .table:
                print("BROKEN: \(error.description)")
            case .json:
                let segment = error.segment.map(JSONWriter.quoted) ?? "null"
                print("{\"ok\":false,\"segment\":\(segment),\"offset\":\(error.offset.map(String.init) ?? "null"),\"message\":\(JSONWriter.quoted(error.message))}")
            }
            throw ExitCode(2)
        }
        switch options.format {
        case .table:
            print("ok: \(report.records) records, head \(report.headHash)")
            if report.tornBytes > 0 {
                print("note: \(report.tornBytes) bytes of an unfinished write at the end; the next write command cuts them off")
            }
        case .json:
            print("{\"ok\":true,\"records\":\(report.records),\"headHash\":\"\(report.headHash)\",\"tornBytes\":\(report.tornBytes)}")
        }
    }
}
