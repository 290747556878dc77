import Foundation
import SporInstruments

/// Prints validation errors: `{"errors": […]}` on standard output for `--format json`, readable lines on standard error otherwise.
enum ErrorOutput {
    static func report(_ failure: ValidationFailure, format: OutputFormat) {
        switch format {
        case .json:
            print((try? JSONOutput.string(failure)) ?? #"{"errors":[]}"#)
        default:
            var text = "error: the input is not valid:\n"
            for error in failure.errors {
                text += "  \(error.field): \(error.message) [\(error.rule.rawValue)]\n"
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
