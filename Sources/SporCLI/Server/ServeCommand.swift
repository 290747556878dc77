import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SporApplication
import SporFHIR
import SporInstruments
import SporReports
import SporServer

/// `spor serve`: runs the HTTP daemon on a data folder until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP API (see docs/server.md); stops gracefully on SIGTERM or SIGINT.")

    @Option(name: .long, help: .dataFolder)
    var data: String?
    @Option(name: .long, help: .store)
    var store: String?
    @Option(name: .customLong("key-file"), help: .keyFile)
    var keyFile: String?
    @Option(
        help:
            "With --store: a local folder for a snapshot of the responses, written in the background and at shutdown, so a restart reads only the rows after it."
    )
    var cache: String?
    @Option(
        name: .customLong("snapshot-after"),
        help: "With --cache: write a new snapshot once this many rows were applied since the last one (default 200000)."
    )
    var snapshotAfter: UInt64?
    @Option(help: "The address to bind. Keep loopback and put a TLS reverse proxy in front.")
    var host = "127.0.0.1"
    @Option(help: "The port to bind.")
    var port = 8080
    @Option(name: .customLong("attention-days"), help: "List citizens with no response for more than this many days.")
    var attentionDays = 120
    @ArgumentParser.Flag(name: .customLong("behind-tls"), help: "A TLS proxy is in front: mark session cookies Secure.")
    var behindTLS = false
    @Option(
        name: .customLong("settle-days"),
        help: "Days after a period's end before the strategic level sees it (default 14).")
    var settleDays = SettleWindow.defaultDays
    @Option(
        name: .customLong("fhir-citizen-system"),
        help:
            "The identifier system of citizen ids under /fhir (default: $SPOR_FHIR_CITIZEN_SYSTEM, else \(FHIRSystem.defaultCitizenSystem))."
    )
    var fhirCitizenSystem: String?
    @ArgumentParser.Flag(
        help: "Fill a new, empty data folder with a small generated data set and print one token per role.")
    var demo = false

    func validate() throws {
        try StoreArgument.check(data: data, store: store, cache: cache)
        if demo, storeURL != nil { throw ValidationError("--demo fills a new data folder, not a store") }
        try CacheOption.check(cache: cache, snapshotAfter: snapshotAfter)
        guard attentionDays >= 1 else { throw ValidationError("--attention-days must be at least 1") }
        guard settleDays >= 0 else { throw ValidationError("--settle-days must be 0 or more") }
        _ = try CitizenSystemOption.settings(fhirCitizenSystem, option: "--fhir-citizen-system")
    }

    /// The PostgreSQL store to serve: `--store`, else `$SPOR_STORE` unless `--data` is given.
    private var storeURL: String? { DataFolder.store(given: store, data: data) }

    func run() async throws {
        AllocatorSettings.apply()
        let folder = DataFolder.location(data)
        var logger = Logger(label: "spor", factory: { LineLogHandler(label: $0) })
        logger.logLevel = .info
        if let storeURL {
            try await serve(store: storeURL, logger: logger)
            return
        }
        if demo {
            let summary = try await DemoData.populate(folder: folder, logger: logger)
            printDemo(summary)
        } else if try await UseCases(folder: DataFolder(url: folder, mode: .administering, logger: logger)).tokens(
            by: .cli()
        )
        .allSatisfy({ $0.revoked != nil }) {
            say(
                "No active token yet. Create one with: spor token create --data \(folder.path) --role admin --name NAME\n"
            )
        }
        let metrics = ServerMetrics()
        metrics.bootstrapProcess()
        let app = try buildApplication(configuration(dataFolder: folder, metrics: metrics), logger: logger)
        try await app.runService()
    }

    /// Serves a PostgreSQL store: no data folder is used or locked.
    private func serve(store: String, logger: Logger) async throws {
        let metrics = ServerMetrics()
        metrics.bootstrapProcess()
        let folder = try await DataFolder.open(
            store: store, mode: .serving, keyFile: keyFile.map { URL(fileURLWithPath: $0) },
            cache: cache.map { URL(fileURLWithPath: $0) }, logger: logger,
            log: DataFolder.LogSettings(
                snapshotAfterRecords: snapshotAfter ?? DataFolder.LogSettings.defaultSnapshotAfterRecords,
                metrics: metrics.factory))
        if try await UseCases(folder: folder).tokens(by: .cli()).allSatisfy({ $0.revoked != nil }) {
            say("No active token yet. Create one with: spor token create --store URL --role admin --name NAME\n")
        }
        let app = buildApplication(
            folder: folder, try configuration(dataFolder: folder.url, metrics: metrics), logger: logger)
        try await app.runService()
    }

    /// The server's settings from the options.
    private func configuration(dataFolder: URL, metrics: ServerMetrics) throws -> ServerConfiguration {
        ServerConfiguration(
            dataFolder: dataFolder, host: host, port: port,
            web: WebSettings(attentionSilenceDays: attentionDays, behindTLS: behindTLS),
            settleWindow: try SettleWindow(days: settleDays),
            fhir: try CitizenSystemOption.settings(fhirCitizenSystem, option: "--fhir-citizen-system"),
            metrics: metrics)
    }

    private func printDemo(_ summary: DemoData.Summary) {
        let base = "http://\(host):\(port)"
        var text =
            "Demo data: \(summary.responses) responses of 24 citizens in \(DemoData.units.joined(separator: " and ")).\n"
        for (role, token) in summary.tokens { text += "  \(role.rawValue) token: \(token)\n" }
        let today = CalendarDate.today()
        let token = { (role: Role) in summary.tokens.first { $0.role == role }!.token }
        text += """

            In a browser: open \(base)/ and sign in with a token (docs/web.md); the staff token's citizens include \(summary.citizen).

            Staff (unit \(DemoData.units[0])) records a WHO-5 response:
              curl -s -X POST \(base)/v1/responses -H 'Authorization: Bearer \(token(.staff))' -H 'Content-Type: application/json' \\
                -d '{"citizen":"\(summary.citizen)","instrument":"who5","administeredAt":"\(today)","answers":[3,4,2,3,1],"unit":"\(DemoData.units[0])"}'
            A case worker reads the citizen's trajectory and the summary since a meeting:
              curl -s \(base)/v1/citizens/\(summary.citizen)/trajectory -H 'Authorization: Bearer \(token(.caseworker))'
              curl -s '\(base)/v1/citizens/\(summary.citizen)/summary?since=\(CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 120))' -H 'Authorization: Bearer \(token(.caseworker))'
            The strategic level reads the trend report by quarter and unit (and no individual data: 403 there):
              curl -s '\(base)/v1/reports/trends?instrument=who5&period=quarter&by=unit' -H 'Authorization: Bearer \(token(.strategic))'
              curl -s \(base)/v1/citizens/\(summary.citizen)/trajectory -H 'Authorization: Bearer \(token(.strategic))'

            """
        say(text)
    }

    /// Writes to standard output at once, unbuffered, so a supervisor or a test sees it while the daemon runs.
    private func say(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
