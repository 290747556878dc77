import ArgumentParser
import Foundation
import SporInstruments
import SporLog
import SporReports
import SporTesting

/// `spor-bench read-path`: the part of an audited trajectory read that is Spor's own CPU work in memory (the
/// trajectory from the dataset and its JSON), for every citizen of a generated data set, with no HTTP, disk or
/// threads around it. Single-threaded and synchronous, so `valgrind --tool=callgrind` can count its instructions:
/// on a noisy shared machine that count, not a rate, shows a change of a few percent.
///
/// ```
/// valgrind --tool=callgrind --callgrind-out-file=/tmp/read.out .build/release/spor-bench read-path --rounds 1
/// ```
struct ReadPathBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-path",
        abstract: "A trajectory and its JSON for every citizen of a generated data set, in memory (no HTTP, no disk).")

    @Option(help: "Responses to generate.")
    var responses = 50_000

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 2026

    @Option(help: "Times every citizen's trajectory is read.")
    var rounds = 5

    func run() throws {
        var dataset = try ResponseDataset(catalog: .builtIn)
        var citizens: [CitizenID] = []
        var seen: Set<CitizenID> = []
        let author = Author.token(name: AuthorName(rawValue: "bench")!, role: AuthorName(rawValue: "admin")!)
        var sequence: UInt64 = 0
        // swift-format-ignore: ReplaceForEachWithForLoop
        // (SyntheticData.forEach generates; it is not a collection.)
        try SyntheticData(seed: seed, responses: responses).forEach { response in
            let version = InstrumentCatalog.builtIn[response.instrument]?.version ?? "1"
            try dataset.apply(
                LogEntry(
                    sequence: sequence, recordedAtMillis: Int64(sequence),
                    event: .responseRecorded(response, definitionVersion: version), author: author))
            sequence += 1
            if seen.insert(response.citizen).inserted { citizens.append(response.citizen) }
        }

        let reads = rounds * citizens.count
        var found = 0
        let trajectories = try Self.microseconds(per: reads) {
            for _ in 0..<rounds {
                for citizen in citizens where dataset.trajectory(of: citizen) != nil { found += 1 }
            }
        }
        var bytes = 0
        let withJSON = try Self.microseconds(per: reads) {
            for _ in 0..<rounds {
                for citizen in citizens {
                    guard let trajectory = dataset.trajectory(of: citizen) else { continue }
                    bytes += try ReportJSON.data(trajectory).count
                }
            }
        }
        print("read-path: \(reads) trajectory reads of \(citizens.count) citizens (\(responses) responses)")
        print("  the trajectory:            \(String(format: "%6.2f", trajectories)) µs per read (\(found) found)")
        print(
            "  the trajectory and JSON:   \(String(format: "%6.2f", withJSON)) µs per read, "
                + "\(bytes / Swift.max(reads, 1)) bytes of JSON per read")
    }

    private static func microseconds(per count: Int, _ body: () throws -> Void) rethrows -> Double {
        let (seconds, attoseconds) = try ContinuousClock().measure(body).components
        return (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(Swift.max(count, 1))
    }
}
