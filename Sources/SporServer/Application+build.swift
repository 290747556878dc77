import Foundation
public import Hummingbird
public import Logging
import ServiceLifecycle
public import SporApplication
import SporFHIR
import SporInstruments

/// Assembles the daemon: opens the data folder, builds the router and the `Application`.
///
/// ```swift
/// let app = try buildApplication(ServerConfiguration(dataFolder: folder), logger: logger)
/// try await app.runService()   // until SIGTERM or SIGINT
/// ```
/// The application's services include the data folder: on graceful shutdown the server stops accepting, finishes
/// in-flight requests, and then the log finishes its last write and releases the folder's lock.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger) throws -> some ApplicationProtocol {
    let folder = try DataFolder(
        url: configuration.dataFolder, mode: .serving, logger: logger,
        log: DataFolder.LogSettings(metrics: configuration.metrics.factory))
    return buildApplication(folder: folder, configuration, logger: logger)
}

/// Assembles the daemon over a data folder (or PostgreSQL store) opened for serving; the application closes it
/// on graceful shutdown.
public func buildApplication(
    folder: DataFolder, _ configuration: ServerConfiguration, logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(
            spor: UseCases(folder: folder, settleWindow: configuration.settleWindow), logger: logger,
            settings: configuration.web, fhir: configuration.fhir, metrics: configuration.metrics),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "spor"),
        services: [DataFolderService(folder: folder)],
        logger: logger)
}

/// The routes over the use cases, with the request metrics and the logging and error edge in front of all of
/// them, the bearer token check in front of everything under `/v1`, `/fhir` (whose errors answer as
/// OperationOutcomes) and `/metrics`, and the web pages' sessions and security headers in front of the pages.
/// Controllers parse, call a use case and render; the use cases hold the rules. A method a served path does not
/// answer gets 405 with `Allow` (``MethodNotAllowedMiddleware``).
///
/// - Parameters:
///   - spor: the use cases over an open data folder (with the clocks for "today" and the audit trail's time).
///   - settings: the web sessions' lifetime and cookies, and the attention list's days without a response.
///   - fhir: the deployment's citizen identifier system for the `/fhir` routes.
///   - metrics: the registry the requests are counted in and `GET /metrics` answers.
///   - now: the clock web sessions expire by.
func buildRouter(
    spor: UseCases, logger: Logger, settings: WebSettings = WebSettings(), fhir: FHIRSettings = FHIRSettings(),
    metrics: ServerMetrics = ServerMetrics(),
    now: @escaping @Sendable () -> Date = { Date() }
) -> Router<SporRequestContext> {
    let router = Router(context: SporRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(factory: metrics.factory))
    router.add(middleware: RequestLogMiddleware(logger: logger))
    SystemController().register(on: router)
    MetricsController(spor: spor, metrics: metrics).register(
        on: router.group().add(middleware: BearerAuthMiddleware(spor: spor)))
    let v1 = router.group("v1").add(middleware: BearerAuthMiddleware(spor: spor))
    InstrumentsController().register(on: v1)
    ResponsesController(spor: spor).register(on: v1)
    CitizensController(spor: spor).register(on: v1)
    ReportsController(spor: spor).register(on: v1)
    AttentionController(spor: spor, settings: settings).register(on: v1)
    let fhirGroup = router.group("fhir").add(middleware: FHIRErrorMiddleware()).add(
        middleware: BearerAuthMiddleware(spor: spor))
    FHIRController(spor: spor, settings: fhir).register(on: fhirGroup)
    let sessions = SessionStore(lifetime: settings.sessionLifetime)
    let web = router.group()
        .add(middleware: SecurityHeadersMiddleware())
        .add(middleware: SessionMiddleware(sessions: sessions, spor: spor, now: now))
        .add(middleware: WebErrorMiddleware())
    SignInController(spor: spor, sessions: sessions, settings: settings, now: now).register(on: web)
    NewResponseController(spor: spor).register(on: web)
    ResultPageController(spor: spor).register(on: web)
    ResponseChangeController(spor: spor).register(on: web)
    CitizenPageController(spor: spor).register(on: web)
    AttentionPageController(spor: spor, settings: settings).register(on: web)
    TrendsPageController(spor: spor).register(on: web)
    // Added after every route, so it stands only in front of the not-found responder.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
    return router
}

/// Keeps the data folder open while the application runs and closes it after the server has stopped.
struct DataFolderService: Service {
    let folder: DataFolder

    func run() async throws {
        try? await gracefulShutdown()
        await folder.close()
    }
}
