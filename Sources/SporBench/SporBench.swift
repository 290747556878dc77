import ArgumentParser

/// `spor-bench`: performance measurements, run in release mode.
@main
struct SporBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spor-bench", abstract: "Spor benchmarks (build with -c release first).",
        subcommands: [
            LogBenchmark.self, ServerBenchmark.self, CompareBenchmark.self, StoreBenchmark.self, FloorServer.self,
            ReadPathBenchmark.self,
        ])
}
