import Foundation
import SporInstruments

/// The file `--skip-invalid` writes: per rejected line, `line N<TAB>field:rule,field:rule<TAB>the line as given`
/// (the text left out for over-long lines and for lines that hold a CPR number). Created with mode 0600, since it may
/// hold personal data.
struct RejectedFile {
    let path: String
    private var output: FileOutput

    init(path: String) throws {
        self.path = path
        // Never through a symbolic link, and 0600 even when the file was there before: it may hold personal data.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0, fchmod(descriptor, 0o600) == 0 else {
            throw ImportFailure("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        output = FileOutput(descriptor: descriptor)
    }

    mutating func write(line: Int, problems: [ImportProblem], text: [UInt8]?) {
        let rules = problems.map { "\($0.field):\($0.rule)" }.joined(separator: ",")
        output.write("line \(line)\t\(rules)\t")
        if let text, !problems.contains(where: { $0.rule == FieldError.Rule.cpr.rawValue }) {
            output.write(String(decoding: text, as: UTF8.self))
        }
        output.write("\n")
    }

    mutating func close() throws {
        output.flush()
        guard fsync(output.descriptor) == 0, Foundation.close(output.descriptor) == 0 else {
            throw ImportFailure("writing \(path) failed")
        }
    }
}
