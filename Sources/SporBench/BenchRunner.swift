import ArgumentParser
import Foundation

/// What the benchmarks share: a scratch folder, the `spor` binary built beside this one, timing, child
/// processes, resident memory, wrk runs and the table of figures printed at the end.
final class BenchRunner {
    /// The scratch folder, emptied when the runner is made.
    let folder: URL
    /// `spor` from the same build folder as `spor-bench`.
    let spor: URL
    private var rows: [(step: String, value: String, goal: String)] = []

    /// - Parameter spor: the `spor` binary to measure; `nil` for the one beside `spor-bench` (another build, such as
    ///   an earlier version's, for before-and-after figures from the same benchmark).
    init(work: String, spor given: String? = nil) throws {
        spor =
            given.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("spor")
        guard FileManager.default.isExecutableFile(atPath: spor.path) else {
            throw ValidationError("\(spor.path) is missing: run `swift build -c release` first")
        }
        folder = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Records one figure and prints it at once.
    func add(_ step: String, _ value: String, _ goal: String = "") {
        rows.append((step, value, goal))
        print("  \(step): \(value)")
    }

    /// Prints every figure as an aligned table.
    func printTable(title: String) {
        print("\n\(title), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let width = rows.map(\.step.count).max() ?? 0
        for row in rows {
            print(
                row.step.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.value
                    + (row.goal.isEmpty ? "" : "   (goal \(row.goal))"))
        }
    }

    /// Seconds `body` takes.
    func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs a program to its end and returns its standard output; a non-zero exit is an error.
    @discardableResult
    func run(_ executable: URL, _ arguments: [String]) throws -> String {
        try Self.run(executable, arguments)
    }

    /// Runs a program to its end and returns its standard output; a non-zero exit is an error.
    @discardableResult
    static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError(
                "\(executable.lastPathComponent) \(arguments.first ?? "") exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// One wrk run: requests per second, latency percentiles and the count of answers other than 2xx.
    struct WrkResult {
        var requestsPerSecond: Double
        var p50: String
        var p99: String
        var failures: Int

        var summary: String {
            String(format: "%.0f/s", requestsPerSecond) + ", latency p50 \(p50), p99 \(p99), non-2xx \(failures)"
        }
    }

    /// Runs wrk with a Lua script on two threads (one for a single connection) and reads its report.
    func wrk(_ wrk: URL, script: URL, url: String, connections: Int, duration: Int) throws -> WrkResult {
        try Self.parse(
            wrkReport: try run(
                wrk, Self.wrkArguments(script: script, url: url, connections: connections, duration: duration)))
    }

    /// Starts wrk as ``wrk(_:script:url:connections:duration:)`` does, in the background; ``finish(_:)`` reads it.
    func startWrk(_ wrk: URL, script: URL, url: String, connections: Int, duration: Int) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = wrk
        process.arguments = Self.wrkArguments(script: script, url: url, connections: connections, duration: duration)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return (process, output)
    }

    /// Waits for a wrk started by ``startWrk(_:script:url:connections:duration:)`` and reads its report.
    func finish(_ started: (Process, Pipe)) throws -> WrkResult {
        let data = started.1.fileHandleForReading.readDataToEndOfFile()
        started.0.waitUntilExit()
        return try Self.parse(wrkReport: String(decoding: data, as: UTF8.self))
    }

    private static func wrkArguments(script: URL, url: String, connections: Int, duration: Int) -> [String] {
        [
            "-t\(min(2, connections))", "-c\(connections)", "-d\(duration)s", "--latency", "--timeout", "10s", "-s",
            script.path, url,
        ]
    }

    private static func parse(wrkReport report: String) throws -> WrkResult {
        func field(after prefix: String) -> String? {
            report.split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix(prefix) }
                .map { $0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) }
        }
        guard let rate = field(after: "Requests/sec:").flatMap(Double.init) else {
            throw ValidationError("wrk printed no rate:\n\(report)")
        }
        return WrkResult(
            requestsPerSecond: rate, p50: field(after: "50%") ?? "?", p99: field(after: "99%") ?? "?",
            failures: field(after: "Non-2xx or 3xx responses:").flatMap { Int($0) } ?? 0)
    }

    /// `12.34 s`.
    static func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

    /// VmRSS of a process from /proc, in bytes (`self` for this one).
    static func residentBytes(of process: Int32? = nil) -> Int {
        let path = "/proc/\(process.map(String.init) ?? "self")/status"
        guard let status = try? String(contentsOfFile: path, encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { return 0 }
        return kilobytes * 1024
    }

    /// Creates a token with `spor token create` on `data` and returns it (the first line it prints).
    func token(data: URL, role: String, units: [String] = []) throws -> String {
        try run(
            spor,
            ["token", "create", "--data", data.path, "--role", role, "--name", "bench-\(role)-\(units.count)"]
                + units.flatMap { ["--unit", $0] }
        ).split(separator: "\n").first.map(String.init) ?? ""
    }

    /// wrk from Debian's package, or an error saying how to install it.
    static func wrk() throws -> URL {
        let wrk = URL(fileURLWithPath: "/usr/bin/wrk")
        guard FileManager.default.isExecutableFile(atPath: wrk.path) else {
            throw ValidationError("wrk is missing: apt-get install wrk")
        }
        return wrk
    }
}
