import Foundation
import SporInstruments
import SporTesting
import Synchronization
import Testing

@testable import SporApplication
@testable import SporServer

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real binary on a real loopback port: record, SIGTERM while writes are in flight, restart, and every
/// response that got a 2xx is there.
@Suite struct LiveServerTests {
    /// A running `spor serve` and the port it listens on.
    struct Daemon {
        let process: Process
        let port: Int

        static func start(folder: URL) throws -> Daemon {
            let process = Process()
            process.executableURL = SporBinary.url
            process.arguments = ["serve", "--data", folder.path, "--port", "0"]
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "SPOR_PSEUDONYM_KEY")
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
                if let range = text.range(of: "listening on 127.0.0.1:"),
                    let port = Int(text[range.upperBound...].prefix { $0.isNumber })
                {
                    return Daemon(process: process, port: port)
                }
            }
            process.terminate()
            throw DaemonDidNotStart()
        }

        func stop() -> Int32 {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    struct DaemonDidNotStart: Error {}

    final class Counter: Sendable {
        private let value = Mutex(0)

        func increment() -> Int {
            value.withLock {
                $0 += 1
                return $0
            }
        }
    }

    static func request(
        _ port: Int, _ method: String, _ path: String, token: String, body: String? = nil
    ) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test(.timeLimit(.minutes(2)))
    func everyAcknowledgedWriteSurvivesSIGTERM() async throws {
        let folder = try TemporaryFolder(prefix: "spor-live")
        defer { folder.remove() }
        let token = try TokenStore(folder: folder.url).create(
            name: "staff", role: .staff, units: [Label(rawValue: "bostotte-nord")!]
        ).token
        let daemon = try Daemon.start(folder: folder.url)
        let port = daemon.port
        #expect(try await Self.request(port, "GET", "/v1/instruments", token: token).0 == 200)

        // 16 writers post until the daemon goes away; SIGTERM arrives once 100 writes are acknowledged.
        let answered = Counter()
        let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<16 {
                group.addTask {
                    var ids: [String] = []
                    for index in 0..<1000 {
                        let id = UUID()
                        let body = responseJSON(id: id, citizen: "c-live", answers: "[\((writer + index) % 6),1,2,3,4]")
                        guard
                            let (status, _) = try? await Self.request(
                                port, "POST", "/v1/responses", token: token, body: body),
                            (200..<300).contains(status)
                        else { break }
                        ids.append(id.uuidString.lowercased())
                        if answered.increment() == 100 { kill(daemon.process.processIdentifier, SIGTERM) }
                    }
                    return ids
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 0)
        #expect(acknowledged.count >= 100)

        let restarted = try Daemon.start(folder: folder.url)
        let (status, data) = try await Self.request(
            restarted.port, "GET", "/v1/citizens/c-live/trajectory", token: token)
        #expect(status == 200)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let points = (object?["instruments"] as? [[String: Any]] ?? []).flatMap {
            $0["points"] as? [[String: Any]] ?? []
        }
        let stored = Set(points.compactMap { ($0["id"] as? String)?.lowercased() })
        #expect(
            Set(acknowledged).isSubset(of: stored),
            "\(Set(acknowledged).subtracting(stored).count) acknowledged writes missing")
        #expect(restarted.stop() == 0)
    }
}
