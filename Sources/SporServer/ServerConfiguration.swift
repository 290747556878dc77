public import Foundation
public import SporFHIR
public import SporReports

/// Where and how `spor serve` runs.
public struct ServerConfiguration: Sendable {
    /// The data folder: the log, the pseudonym key, `tokens.json` and `audit.log`.
    public var dataFolder: URL
    /// The address to bind; loopback unless told otherwise.
    public var host: String
    /// The port to bind; 0 picks a free one.
    public var port: Int
    /// The web pages' sessions and the attention list.
    public var web: WebSettings
    /// How long after its end a period is released to the strategic role.
    public var settleWindow: SettleWindow
    /// The deployment's FHIR settings (the citizen identifier system).
    public var fhir: FHIRSettings
    /// The registry `GET /metrics` answers, which the log, the audit trail and the requests record into.
    public var metrics: ServerMetrics

    public init(
        dataFolder: URL, host: String = "127.0.0.1", port: Int = 8080, web: WebSettings = WebSettings(),
        settleWindow: SettleWindow = .standard, fhir: FHIRSettings = FHIRSettings(),
        metrics: ServerMetrics = ServerMetrics()
    ) {
        self.dataFolder = dataFolder
        self.host = host
        self.port = port
        self.web = web
        self.settleWindow = settleWindow
        self.fhir = fhir
        self.metrics = metrics
    }
}
