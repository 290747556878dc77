public import Foundation

/// Runs the real `spor` executable built next to the test bundle and captures what it prints.
public enum SporBinary {
    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `spor` executable in the build folder that holds the running test bundle.
    public static var url: URL {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]))
        for candidate in candidates {
            var folder = candidate.deletingLastPathComponent()
            for _ in 0..<4 {
                let binary = folder.appendingPathComponent("spor")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
                folder = folder.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: ".build/debug/spor")
    }

    /// Runs `spor` with `arguments`, feeding `stdin`, and waits for it to end.
    public static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables.removeValue(forKey: "SPOR_DATA")
        variables.removeValue(forKey: "SPOR_PSEUDONYM_KEY")
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let output = try TemporaryFolder(prefix: "spor-run")
        defer { output.remove() }
        _ = FileManager.default.createFile(atPath: output.path("out").path, contents: nil)
        _ = FileManager.default.createFile(atPath: output.path("err").path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: output.path("out"))
        let stderrHandle = try FileHandle(forWritingTo: output.path("err"))
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: output.path("out")), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: output.path("err")), as: UTF8.self))
    }

    /// Runs `spor`, kills it with SIGKILL after `seconds`, and returns the whole lines it printed by then (a line
    /// cut by the kill was not fully reported).
    public static func killed(_ arguments: [String], after seconds: Double) throws -> [String] {
        let (process, output) = try start(arguments)
        usleep(useconds_t(seconds * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = String(decoding: output.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Starts `spor` with its standard output on a pipe, for tests that watch it run and kill it.
    public static func start(_ arguments: [String]) throws -> (Process, FileHandle) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables.removeValue(forKey: "SPOR_DATA")
        process.environment = variables
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, pipe.fileHandleForReading)
    }
}

/// The response ids in a `spor log dump` output, in order.
public func dumpedIDs(_ output: String) -> [String] {
    output.split(separator: "\n").compactMap { line in
        guard let range = line.range(of: "\"id\":\"") else { return nil }
        return String(line[range.upperBound...].prefix(36))
    }
}
