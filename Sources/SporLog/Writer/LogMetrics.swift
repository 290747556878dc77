import CoreMetrics

/// The log's figures for monitoring, recorded through swift-metrics into the factory the log is opened with
/// (``EventLog/Configuration/metrics``); the names are listed in docs/server.md. No figure carries a label: nothing
/// about a response, a citizen or a unit.
struct LogMetrics: Sendable {
    /// From an ``EventLog/append(_:author:)`` call to its records being durable (the write and the fsync included).
    let appendDuration: CoreMetrics.Timer
    /// The batches (one per `append` call or imported chunk) that one write-and-sync round carries: the group
    /// commit's size.
    let groupCommitBatches: Recorder
    /// Records one write-and-sync round carries.
    let groupCommitRecords: Recorder
    /// The time one round spends in `fdatasync`/`fsync`.
    let fsyncDuration: CoreMetrics.Timer
    /// Records in the log.
    let records: Gauge
    /// Bytes of the log's segment files.
    let bytes: Gauge

    init(factory: any MetricsFactory) {
        appendDuration = Timer(label: "spor_log_append_duration_seconds", dimensions: [], factory: factory)
        groupCommitBatches = Recorder(
            label: "spor_log_group_commit_batches", dimensions: [], aggregate: true, factory: factory)
        groupCommitRecords = Recorder(
            label: "spor_log_group_commit_records", dimensions: [], aggregate: true, factory: factory)
        fsyncDuration = Timer(label: "spor_log_fsync_duration_seconds", dimensions: [], factory: factory)
        records = Gauge(label: "spor_log_records", dimensions: [], factory: factory)
        bytes = Gauge(label: "spor_log_bytes", dimensions: [], factory: factory)
    }
}

extension CoreMetrics.Timer {
    /// Records a duration measured with a `ContinuousClock`.
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
