import Foundation
import SporTesting

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `spor serve --store …` process on a free port, for tests of several daemons on one database.
final class TestDaemon: @unchecked Sendable {
    let process: Process
    let port: Int
    private let log: URL

    /// Runs blocking work (waiting for a process) on a thread of its own, off Swift's few cooperative threads, which
    /// the other tests running at the same time need.
    static func offPool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        // A thread of its own: on Linux dispatch's global queues share their threads with the cooperative pool, and a
        // full parallel test run keeps both busy, so other tests' tasks would starve behind a command that runs for
        // seconds.
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }

    /// Runs the real `spor` binary and waits for it off Swift's cooperative threads (``offPool(_:)``).
    static func spor(_ arguments: [String], environment: [String: String] = [:]) async throws -> SporBinary.Result {
        try await offPool { try SporBinary.run(arguments, environment: environment) }
    }

    /// Starts the daemon, with `arguments` after the store and port and `environment` added to the test's, and
    /// returns once it listens.
    static func start(
        store: String, folder: TemporaryFolder, name: String, arguments: [String] = [],
        environment added: [String: String] = [:]
    ) async throws -> TestDaemon {
        let log = folder.path("\(name)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = SporBinary.url
        process.arguments = ["serve", "--store", store, "--port", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SPOR_DATA")
        environment["SPOR_PSEUDONYM_KEY"] = TestPostgres.keyHex
        environment.merge(added) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on 127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return TestDaemon(process: process, port: port, log: log) }
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw DaemonError(message: "the daemon did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    private init(process: Process, port: Int, log: URL) {
        self.process = process
        self.port = port
        self.log = log
    }

    struct DaemonError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// What the daemon logged so far.
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Ends the daemon with SIGKILL: no graceful shutdown of any kind.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Ends the daemon with SIGTERM and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// One HTTP request; the status and body, or `nil` when the daemon did not answer.
    func request(
        _ method: String, _ path: String, token: String, json: String? = nil
    ) async -> (status: Int, body: Data)? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 30
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        guard let (data, response) = try? await TestDaemon.session.data(for: request),
            let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, data)
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: configuration)
    }()
}
