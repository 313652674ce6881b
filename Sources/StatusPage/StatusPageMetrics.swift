import Daemon
import Foundation
import LienthongVersion
import Prometheus
import StateStore

/// What `/metrics` exposes, in the Prometheus text format.
///
/// Counters and histograms (``DocumentMetrics``) live in ``registry`` for the daemon's lifetime: the daemon records
/// them where document moves are committed and axis calls fail. Gauges are read from the status report at each
/// scrape into a fresh registry, so a state that emptied shows 0 and an agency removed by a reload disappears.
/// Nothing touches the global `MetricsSystem`: each daemon (and each test) has its own registry.
public final class StatusPageMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// Give this to ``LienthongDaemon`` so that it records into ``registry``.
    public let documents: DocumentMetrics

    /// Buckets of the two latency histograms: from a second to a day (a document may wait for the axis for long).
    static let latencyBuckets: [Duration] = [
        .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(300), .seconds(900),
        .seconds(3600), .seconds(6 * 3600), .seconds(24 * 3600),
    ]

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            DocumentMetrics.sendLatency: Self.latencyBuckets, DocumentMetrics.deliveryLatency: Self.latencyBuckets,
        ]
        documents = DocumentMetrics(factory: factory)
    }

    /// The whole exposition: the counters and histograms so far, then the gauges of `report` (nil when the daemon
    /// cannot give one yet: only the counters and `lienthong_build_info`).
    public func exposition(of report: StatusReport?, now: Date = Date()) -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let gauges = PrometheusCollectorRegistry()
        let buildInfo = MetricNameDescriptor(
            metricName: "lienthong_build_info", unitName: "", helpText: "The running version of lienthong; always 1.")
        gauges.makeGauge(descriptor: buildInfo, labels: [("version", LienthongVersion.current)]).set(1.0)
        if let report { StatusGauges(report: report, now: now, registry: gauges).set() }
        gauges.emit(into: &buffer)
        return buffer
    }
}
