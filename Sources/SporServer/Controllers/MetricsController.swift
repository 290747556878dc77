import CoreMetrics
import Hummingbird
import NIOCore
import SporApplication

/// `GET /metrics`: the server's metrics in the Prometheus text format, to an admin token only (docs/server.md).
/// The dataset's size and the snapshot's age are read at each scrape; everything else is counted as it happens.
struct MetricsController {
    let spor: UseCases
    let metrics: ServerMetrics

    func register(on group: RouterGroup<SporRequestContext>) {
        group.get("metrics", use: scrape)
    }

    @Sendable func scrape(_ request: Request, context: SporRequestContext) async throws -> Response {
        let figures = try spor.operationalFigures(by: try context.caller())
        let factory = metrics.factory
        Gauge(label: "spor_dataset_responses", factory: factory).record(figures.responses)
        Gauge(label: "spor_dataset_citizens", factory: factory).record(figures.citizens)
        let snapshotAge = Gauge(label: "spor_snapshot_age_seconds", factory: factory)
        if let age = figures.snapshotAge {
            snapshotAge.record(age)
        } else {
            snapshotAge.destroy()  // no snapshot: the metric is absent rather than a made-up age
        }
        return Response(
            status: .ok, headers: [.contentType: ServerMetrics.contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
}
