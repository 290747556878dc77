import Foundation
import SporTesting

/// Runs `spor` on a data folder, adding `--data`.
func spor(_ arguments: [String], data folder: TemporaryFolder, stdin: String? = nil) throws -> SporBinary.Result {
    try SporBinary.run(arguments + ["--data", folder.url.path], stdin: stdin.map { Data($0.utf8) })
}
