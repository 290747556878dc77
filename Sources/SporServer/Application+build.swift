import Foundation
public import Hummingbird
public import Logging
import ServiceLifecycle
import SporInstruments

/// Assembles the daemon: opens the data folder, builds the router and the `Application`.
///
/// ```swift
/// let app = try buildApplication(ServerConfiguration(dataFolder: folder), logger: logger)
/// try await app.runService()   // until SIGTERM or SIGINT
/// ```
/// The application's services include the storage: on graceful shutdown the server stops accepting, finishes
/// in-flight requests, and then the log finishes its last write and releases the folder's lock.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let storage = try Storage(folder: configuration.dataFolder, logger: logger)
    return Application(
        router: buildRouter(storage: storage, logger: logger, settings: configuration.web),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "spor"),
        services: [StorageService(storage: storage)],
        logger: logger)
}

/// The routes over an open data folder, with the logging and error edge in front of all of them, the bearer
/// token check in front of everything under `/v1`, and the web pages' sessions and security headers in front of
/// the pages.
///
/// - Parameters:
///   - settings: the web sessions' lifetime and cookies, and the attention list's days without a response.
///   - today: today's date, for the rule that a response is not dated in the future, summaries and the attention list.
///   - now: the time written to the audit trail and the clock web sessions expire by.
func buildRouter(
    storage: Storage, logger: Logger, settings: WebSettings = WebSettings(),
    today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() },
    now: @escaping @Sendable () -> Date = { Date() }
) -> Router<SporRequestContext> {
    let router = Router(context: SporRequestContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    SystemController().register(on: router)
    let v1 = router.group("v1").add(middleware: BearerAuthMiddleware(tokens: storage.tokens))
    InstrumentsController().register(on: v1)
    let responses = ResponsesController(storage: storage, today: today)
    responses.register(on: v1)
    CitizensController(storage: storage, today: today, now: now).register(on: v1)
    ReportsController(storage: storage).register(on: v1)
    let attention = AttentionController(storage: storage, settings: settings, today: today, now: now)
    attention.register(on: v1)
    let sessions = SessionStore(lifetime: settings.sessionLifetime)
    let web = router.group()
        .add(middleware: SecurityHeadersMiddleware())
        .add(middleware: SessionMiddleware(sessions: sessions, tokens: storage.tokens, now: now))
        .add(middleware: WebErrorMiddleware())
    SignInController(tokens: storage.tokens, sessions: sessions, settings: settings, now: now).register(on: web)
    NewResponseController(responses: responses, today: today).register(on: web)
    ResultPageController(storage: storage, now: now).register(on: web)
    ResponseChangeController(storage: storage, responses: responses, today: today, now: now).register(on: web)
    CitizenPageController(storage: storage, today: today, now: now).register(on: web)
    AttentionPageController(attention: attention).register(on: web)
    TrendsPageController(storage: storage).register(on: web)
    return router
}

/// Keeps the storage open while the application runs and closes it after the server has stopped.
struct StorageService: Service {
    let storage: Storage

    func run() async throws {
        try? await gracefulShutdown()
        await storage.close()
    }
}
