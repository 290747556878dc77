import ArgumentParser
import Foundation

/// A real `spor serve` on a data folder, started for a benchmark and stopped with SIGTERM (or, for the floor
/// under its rows, `spor-bench floor-server`).
final class SporDaemon {
    let process = Process()
    /// `http://127.0.0.1:PORT`.
    let base: String
    /// Seconds from starting the process until `/healthz` answered.
    private(set) var startSeconds = 0.0

    init(spor: URL, data: URL, port: Int) {
        base = "http://127.0.0.1:\(port)"
        process.executableURL = spor
        process.arguments = ["serve", "--data", data.path, "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
    }

    /// A real `spor serve --store` on a PostgreSQL store, without a pseudonymisation key; with a local snapshot in
    /// `cache` when one is given.
    init(spor: URL, store: String, port: Int, cache: URL? = nil) {
        base = "http://127.0.0.1:\(port)"
        process.executableURL = spor
        process.arguments =
            ["serve", "--store", store, "--port", String(port)] + (cache.map { ["--cache", $0.path] } ?? [])
        process.environment = ProcessInfo.processInfo.environment.filter {
            $0.key != "SPOR_PSEUDONYM_KEY" && $0.key != "SPOR_DATA"
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
    }

    /// `spor-bench floor-server`: Hummingbird alone, answering bodies of the given lengths (``FloorServer``).
    init(floorServerOn port: Int, getBytes: Int, postBytes: Int) {
        base = "http://127.0.0.1:\(port)"
        process.executableURL = Bundle.main.executableURL
        process.arguments = [
            "floor-server", "--port", String(port), "--get-bytes", String(getBytes), "--post-bytes", String(postBytes),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
    }

    /// Starts the daemon and waits until `/healthz` answers.
    func start() async throws {
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        while process.isRunning {
            if try Self.curl(["-sf", "-o", "/dev/null", base + "/healthz"]).status == 0 {
                startSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ValidationError(
            "\(process.arguments?.first ?? "the server") exited with \(process.terminationStatus) before answering")
    }

    /// Resident memory of the daemon, in bytes.
    var residentBytes: Int { BenchRunner.residentBytes(of: process.processIdentifier) }

    /// Sends SIGTERM and waits; the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Seconds one `GET path` takes with a bearer token, measured by curl (connection included); fails unless 200.
    func timedGET(_ path: String, token: String) throws -> Double {
        let result = try Self.curl([
            "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "-H", "Authorization: Bearer \(token)",
            base + path,
        ])
        let fields = result.output.split(separator: " ")
        guard fields.count == 2, fields[0] == "200", let seconds = Double(fields[1]) else {
            throw ValidationError("GET \(path) answered \(result.output)")
        }
        return seconds
    }

    /// The length of the body one request answers with; fails unless it succeeds.
    func answerBytes(_ method: String, _ path: String, token: String, json body: String? = nil) throws -> Int {
        let result = try Self.curl(
            ["-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", "-X", method]
                + ["-H", "Authorization: Bearer \(token)", base + path]
                + (body.map { ["-H", "Content-Type: application/json", "--data-binary", $0] } ?? []))
        let fields = result.output.split(separator: " ")
        guard fields.count == 2, fields[0].hasPrefix("2"), let bytes = Int(fields[1]) else {
            throw ValidationError("\(method) \(path) answered \(result.output)")
        }
        return bytes
    }

    private static func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl"] + arguments
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        return (curl.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
