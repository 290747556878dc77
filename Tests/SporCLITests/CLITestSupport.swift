import Foundation
import SporTesting

/// Runs `spor` on a data folder, adding `--data`.
func spor(_ arguments: [String], data folder: TemporaryFolder, stdin: String? = nil) throws -> SporBinary.Result {
    try SporBinary.run(arguments + ["--data", folder.url.path], stdin: stdin.map { Data($0.utf8) })
}

/// The response ids in a `spor log dump` output.
func dumpedIDs(_ output: String) -> [String] {
    output.split(separator: "\n").compactMap { line in
        guard let range = line.range(of: "\"id\":\"") else { return nil }
        return String(line[range.upperBound...].prefix(36))
    }
}
