import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication

/// The real binary: a snapshot written at a graceful shutdown (SIGTERM) is what the next start loads.
@Suite struct SnapshotRestartTests {
    /// The `from` and `replayed` of the daemon's "loaded the responses" line.
    static func load(in log: String) -> (from: String, replayed: Int)? {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("loaded the responses") }),
            let from = line.firstMatch(of: /from=(\w+)/)?.1,
            let replayed = line.firstMatch(of: /replayed=(\d+)/)?.1
        else { return nil }
        return (String(from), Int(replayed)!)
    }

    @Test(.timeLimit(.minutes(2)))
    func theSnapshotWrittenAtShutdownIsUsedAtTheNextStart() async throws {
        let folder = try TemporaryFolder(prefix: "spor-snapshot-restart")
        defer { folder.remove() }
        let token = try TokenStore(folder: folder.url).create(
            name: "staff", role: .staff, units: [Label(rawValue: Fixture.unit)!]
        ).token
        let first = try LiveServerTests.Daemon.start(folder: folder.url)
        #expect(Self.load(in: first.startupLog)?.replayed == 0)
        for index in 0..<25 {
            let body = responseJSON(citizen: "c-restart", answers: "[\(index % 6),1,2,3,4]")
            #expect(
                try await LiveServerTests.request(first.port, "POST", "/v1/responses", token: token, body: body).0
                    == 201)
        }
        #expect(first.stop() == 0)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("dataset.snapshot").path))

        let second = try LiveServerTests.Daemon.start(folder: folder.url)
        let load = Self.load(in: second.startupLog)
        #expect(load?.from == "snapshot")
        #expect(load?.replayed == 0)
        let (status, data) = try await LiveServerTests.request(
            second.port, "GET", "/v1/citizens/c-restart/trajectory", token: token)
        #expect(status == 200)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let points = (object?["instruments"] as? [[String: Any]] ?? []).flatMap {
            $0["points"] as? [[String: Any]] ?? []
        }
        #expect(points.count == 25)
        #expect(second.stop() == 0)
    }
}
