import CoreMetrics
public import Prometheus

/// The daemon's metrics: a swift-prometheus registry and the swift-metrics factory that records into it, with
/// histogram buckets that suit Spor's figures. `GET /metrics` answers the registry in the Prometheus text format
/// (docs/server.md lists the metrics).
///
/// Every part of the daemon records into the factory it is given (the data folder's log and audit trail, the
/// request middleware), so tests run many servers in one process, each with its own registry. `spor serve` also
/// makes it the process-wide swift-metrics backend with ``bootstrapProcess()``, which a process may do only once.
public struct ServerMetrics: Sendable {
    /// Where the metrics are kept and emitted from.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory over ``registry``.
    public let factory: PrometheusMetricsFactory

    /// The content type of the text format, version 0.0.4.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Requests and durable writes take from under a millisecond to seconds.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
        ]
        // A group commit carries one batch or thousands of records (an import's chunks).
        factory.valueHistogramBuckets = [
            "spor_log_group_commit_batches": [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
            "spor_log_group_commit_records": [1, 2, 4, 8, 16, 64, 256, 1024, 4096, 16384, 65536],
        ]
        self.factory = factory
    }

    /// Makes ``factory`` the process-wide swift-metrics backend, for any library that records through it. Once per
    /// process: swift-metrics stops the program on a second call.
    public func bootstrapProcess() {
        MetricsSystem.bootstrap(factory)
    }

    /// Every metric in the Prometheus text format.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
