import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SporInstruments
import SporLog
import SporTesting
import Synchronization

@testable import SporApplication
@testable import SporServer

/// Every log line the server writes, message and metadata, so tests can check what reaches a log.
final class LogCapture: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    var logger: Logger {
        var logger = Logger(label: "spor-test") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) { storage.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: Logging.LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(
                "\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
        }
    }
}

/// A data folder with a token per role, the router over it, and captured logs.
struct Fixture {
    static let today = CalendarDate(year: 2026, month: 6, day: 30)!
    static let unit = "bostotte-nord"
    static let otherUnit = "bostotte-syd"

    let folder: TemporaryFolder
    let storage: DataFolder
    let capture = LogCapture()
    /// The registry the fixture's log, audit trail and requests record into, as `GET /metrics` answers it.
    let metrics = ServerMetrics()
    /// Tokens by name: `staff` (bostotte-nord), `staff-syd`, `caseworker`, `strategic`, `admin`, `revoked`.
    let tokens: [String: String]

    init() throws {
        folder = try TemporaryFolder(prefix: "spor-server")
        storage = try DataFolder(
            url: folder.url, mode: .serving, logger: capture.logger,
            log: DataFolder.LogSettings(metrics: metrics.factory))
        var tokens: [String: String] = [:]
        let store = storage.tokens
        tokens["staff"] = try store.create(name: "staff", role: .staff, units: [Label(rawValue: Self.unit)!]).token
        tokens["staff-syd"] = try store.create(
            name: "staff-syd", role: .staff, units: [Label(rawValue: Self.otherUnit)!]
        ).token
        for role in [Role.caseworker, .strategic, .admin] {
            tokens[role.rawValue] = try store.create(name: role.rawValue, role: role, units: []).token
        }
        tokens["revoked"] = try store.create(name: "revoked", role: .admin, units: []).token
        try store.revoke(name: "revoked")
        self.tokens = tokens
    }

    /// The application over the fixture's folder, with today fixed to ``today`` and the clock given.
    func application(now: @escaping @Sendable () -> Date = { Date() }) -> some ApplicationProtocol {
        Application(
            router: buildRouter(spor: spor(now: now), logger: capture.logger, metrics: metrics, now: now),
            logger: capture.logger)
    }

    /// The use cases over the fixture's folder, with today fixed to ``today`` and the clock given.
    func spor(now: @escaping @Sendable () -> Date = { Date() }) -> UseCases {
        UseCases(folder: storage, today: { Self.today }, now: now)
    }

    /// Runs `test` against the router in process, then closes the storage and removes the folder.
    func test(
        now: @escaping @Sendable () -> Date = { Date() },
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        do {
            try await application(now: now).test(.router) { client in try await test(client) }
        } catch {
            await storage.close()
            folder.remove()
            throw error
        }
        await storage.close()
        folder.remove()
    }

    /// Records in the log (not counting tokens or the audit trail).
    func records() async -> UInt64 { await storage.log!.statistics.records }
}

/// A response body for `who5`, in the fixture's unit unless told otherwise.
func responseJSON(
    id: UUID = UUID(), citizen: String = "c-1", answers: String = "[3,4,2,3,1]", date: String = "2026-03-14",
    unit: String = Fixture.unit
) -> String {
    #"{"id":"\#(id.uuidString)","citizen":"\#(citizen)","instrument":"who5","administeredAt":"\#(date)","answers":\#(answers),"unit":"\#(unit)"}"#
}

extension TestClientProtocol {
    /// POSTs `body` with a bearer token (none when `nil`) and a content type.
    func post(
        _ uri: String, token: String?, body: String, contentType: String = "application/json"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// GETs with a bearer token (none when `nil`).
    func get(_ uri: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var text: String { String(buffer: body) }

    /// The `rule` of each entry of a problem's `errors`, with its field: `["answers[2]:range"]`.
    var problemErrors: [String] {
        (json["errors"] as? [[String: Any]] ?? []).map { "\($0["field"] ?? ""):\($0["rule"] ?? "")" }
    }
}
