import ArgumentParser
import Foundation
import SporInstruments
import SporLog
import SporReports
import SporSnapshot
import SporTesting

/// `spor-report-bench`: trajectory, summary and trend-report timings on generated data, against DuckDB computing
/// the same report from the same CSV in the same run.
@main
struct SporReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spor-report-bench",
        abstract: "Measure trajectories, summaries and trend reports (build with -c release first).")

    @Option(help: "Responses to generate.")
    var responses = 5_000_000

    @Option(help: "A scratch folder (emptied first).")
    var work = "/tmp/spor-report-bench"

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 2026

    @Option(help: "Random citizens for the trajectory and summary latencies.")
    var lookups = 10_000

    @Option(help: "The DuckDB comparison script.")
    var duckdbScript = "scripts/report-bench-duckdb.py"

    @ArgumentParser.Flag(help: "Skip DuckDB.")
    var skipDuckdb = false

    @ArgumentParser.Flag(help: "Skip the cold `spor report` (needs `spor import` of the CSV first).")
    var skipCold = false

    private struct Spec {
        var name: String
        var request: TrendReportRequest
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("responses.csv")
        let data = SyntheticData(seed: seed, responses: responses)
        print("generating \(responses) responses (seed \(seed)) in \(folder.path)")
        print("  CSV: \(format(try time { try data.writeCSV(to: csv) }))")

        var dataset = try ResponseDataset(catalog: .builtIn)
        dataset.reserveCapacity(responses)
        var sequence: UInt64 = 0
        // One author for all, as an import of the CSV writes them (the digest a stand-in: only its size matters here).
        let author = Author.import(
            user: AuthorName(rawValue: "spor-report-bench")!,
            fileSHA256: FileDigest(bytes: repeatElement(0, count: 32))!)
        let build = try time {
            // swift-format-ignore: ReplaceForEachWithForLoop
            // (SyntheticData.forEach generates; it is not a collection.)
            try data.forEach { response in
                try dataset.apply(
                    LogEntry(
                        sequence: sequence, recordedAtMillis: 0,
                        event: .responseRecorded(response, definitionVersion: "1"),
                        author: author))
                sequence += 1
            }
        }
        print(
            "  dataset from \(dataset.count) entries: \(format(build)), \(dataset.citizenCount) citizens, "
                + "\(dataset.columnByteCount / max(1, dataset.count)) bytes per response in columns and id index")

        var random = SeededGenerator(seed: seed &+ 1)
        let citizens = (0..<lookups).map { _ in
            CitizenID(rawValue: "c-\(Int.random(in: 1...dataset.citizenCount, using: &random))")!
        }
        let since = CalendarDate(year: 2026, month: 1, day: 1)!
        let asOf = CalendarDate(year: 2026, month: 6, day: 30)!
        var found = 0
        let trajectory = latencies(citizens) { if dataset.trajectory(of: $0) != nil { found += 1 } }
        let summary = latencies(citizens) { if dataset.summary(of: $0, since: since, asOf: asOf) != nil { found += 1 } }
        let encoded = latencies(citizens) { _ = try? ReportJSON.data(dataset.trajectory(of: $0)) }
        print("  trajectory  p50 \(micro(trajectory.p50))  p99 \(micro(trajectory.p99))  (goal p99 < 1 ms)")
        print("  + JSON      p50 \(micro(encoded.p50))  p99 \(micro(encoded.p99))")
        print("  summary     p50 \(micro(summary.p50))  p99 \(micro(summary.p99))  (goal p99 < 1 ms)")
        precondition(found == 2 * lookups, "every generated citizen has responses")

        // The attention list: computed over every response, then kept (built once, as the daemon does at start).
        let staff = ResponseScope.units([Label(rawValue: SyntheticData.units[0])!])
        let staffOfTwo = ResponseScope.units(Set(SyntheticData.units[0...1].map { Label(rawValue: $0)! }))
        var computed: [AttentionList] = []
        let computing = time {
            computed = [ResponseScope.all, staff, staffOfTwo].map {
                dataset.attentionList(scope: $0, asOf: asOf, limit: 100)
            }
        }
        print(
            "  attention list computed (all, one unit, two units): \(format(computing)), \(computed[0].total) citizens listed"
        )
        let keeping = time { dataset.keepAttentionList() }
        for (name, scope, expected) in [
            ("case worker", ResponseScope.all, computed[0]), ("staff, one unit", staff, computed[1]),
            ("staff, two units", staffOfTwo, computed[2]),
        ] {
            var runs: [Double] = []
            for _ in 0..<9 {
                runs.append(
                    time {
                        precondition(
                            dataset.attentionList(scope: scope, asOf: asOf, limit: 100) == expected, "kept = computed")
                    })
            }
            runs.sort()
            print("  attention list kept, \(name): median \(milli(runs[4])) (max \(milli(runs[8])), goal < 20 ms)")
        }
        print("  keeping the attention list: built in \(format(keeping)) from every citizen's responses")

        let specs = [
            Spec(
                name: "who5-quarter-unit", request: TrendReportRequest(instrument: .who5, period: .quarter, by: .unit)),
            Spec(
                name: "inspire-month-intervention",
                request: TrendReportRequest(instrument: .briefInspireO, period: .month, by: .intervention)),
            // The finest grouped report, where suppression hides most.
            Spec(name: "who5-month-unit", request: TrendReportRequest(instrument: .who5, period: .month, by: .unit)),
        ]
        let spor = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "spor")
        let dataFolder = folder.appendingPathComponent("data")
        if !skipCold {
            guard FileManager.default.isExecutableFile(atPath: spor.path) else {
                throw ValidationError("\(spor.path) is missing: run `swift build -c release` first")
            }
            let seconds = try time { _ = try runProcess(spor.path, ["import", csv.path, "--data", dataFolder.path]) }
            print("  spor import of the CSV (for the cold runs): \(format(seconds))")
        }
        for spec in specs {
            var report: TrendReport?
            // The first report after a change builds the instrument's trend index; later ones reuse it.
            let first = try time { report = try dataset.trendReport(spec.request) }
            var runs: [Double] = []
            for _ in 0..<7 { runs.append(try time { report = try dataset.trendReport(spec.request) }) }
            runs.sort()
            let ours = folder.appendingPathComponent("spor-\(spec.name).json")
            try ReportJSON.data(report).write(to: ours)
            print(
                "\n  report \(spec.name): \(report!.cells.count) cells, in process median \(milli(runs[3]))"
                    + " (min \(milli(runs[0])), max \(milli(runs[6])), goal < 100 ms); first after a change, building"
                    + " the trend index: \(milli(first))")
            print("  " + (try suppressionCounts(report!, request: spec.request, dataset)))
            if !skipCold {
                let request = spec.request
                let arguments = [
                    "report", "--instrument", request.instrument.rawValue, "--period", request.period.rawValue,
                    "--by", request.by.rawValue, "--format", "json", "--data", dataFolder.path,
                ]
                let snapshot = dataFolder.appendingPathComponent(DatasetLoader.snapshotFileName)
                try? FileManager.default.removeItem(at: snapshot)
                let expected = try ReportJSON.string(report, pretty: true) + "\n"
                var output = ""
                let first = try time { output = try runProcess(spor.path, arguments) }
                precondition(output == expected, "the cold report equals the in-process one")
                let size = (try? FileManager.default.attributesOfItem(atPath: snapshot.path)[.size] as? Int) ?? 0
                var cold: [Double] = []
                for _ in 0..<3 {
                    cold.append(try time { output = try runProcess(spor.path, arguments) })
                    precondition(output == expected, "the cold report equals the in-process one")
                }
                cold.sort()
                print(
                    "  cold `spor report`, no snapshot (full replay, writes the snapshot, \(size >> 20) MiB): \(format(first))"
                )
                print(
                    "  cold `spor report` from the snapshot: median \(format(cold[1])) (min \(format(cold[0])), "
                        + "max \(format(cold[2])))")
            }
            if !skipDuckdb {
                let output = try runProcess(
                    "/usr/bin/env",
                    [
                        "python3", duckdbScript, csv.path, spec.request.instrument.rawValue,
                        spec.request.period.rawValue,
                        spec.request.by.rawValue, ours.path,
                    ])
                print(output.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("duckdb seconds") }),
                    let seconds = Double(line.split(separator: " ").last ?? "")
                {
                    print("  in-process speed-up over DuckDB: \(Int(seconds / runs[3]))x")
                }
            }
        }
    }

    /// How many cells each suppression rule hid in `report`. Change figures hidden in shown cells are split by
    /// the raw pair count, read from the same report with `minCell` 1 (which hides nothing but cells without pairs).
    private func suppressionCounts(
        _ report: TrendReport, request: TrendReportRequest, _ dataset: ResponseDataset
    ) throws -> String {
        var raw = request
        raw.minCell = 1
        raw.allowSmallCells = true
        let pairs = Dictionary(
            try dataset.trendReport(raw).cells.map {
                ("\($0.period) \($0.group ?? "")", $0.figures?.change?.pairedCitizens ?? 0)
            },
            uniquingKeysWith: { a, _ in a })
        let shownWithoutChange = report.cells.filter { $0.figures?.changeSuppressed == true }
        let byPairs = shownWithoutChange.filter { pairs["\($0.period) \($0.group ?? "")"]! < report.minCell }.count
        return "suppressed: \(report.cells.filter { $0.suppression == .primary }.count) primary, "
            + "\(report.cells.filter { $0.suppression == .complementary }.count) complementary; change figures hidden in "
            + "\(shownWithoutChange.count) shown cells (\(byPairs) with fewer than \(report.minCell) pairs, "
            + "\(shownWithoutChange.count - byPairs) complementary)"
    }

    private func latencies(_ citizens: [CitizenID], _ body: (CitizenID) -> Void) -> (p50: Double, p99: Double) {
        var samples: [Double] = []
        samples.reserveCapacity(citizens.count)
        for citizen in citizens {
            let start = DispatchTime.now().uptimeNanoseconds
            body(citizen)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        samples.sort()
        return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)])
    }

    private func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs a program and returns its standard output; fails on a non-zero exit.
    private func runProcess(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(URL(fileURLWithPath: path).lastPathComponent) \(arguments.first ?? "") failed")
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
    private func milli(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
    private func micro(_ seconds: Double) -> String { String(format: "%.0f µs", seconds * 1e6) }
}
