import AxisClient
import CoreMetrics
import Foundation
import StateStore

/// The counters and latency histograms of the document state machine, measured where its moves are committed
/// (``DocumentStoreObserver``) and where axis calls fail (``AxisClient``'s error observer), through swift-metrics.
///
/// The factory is injected, never the global `MetricsSystem`, so that any number of daemons (tests) can live in one
/// process, each with its own registry.
public struct DocumentMetrics: DocumentStoreObserver {
    /// Seconds from a file noticed in an outbox to the axis accepting it (`packaged → sent`), per agency.
    public static let sendLatency = "lienthong_send_latency_seconds"
    /// Seconds from a docId listed by the axis to its files in `inbox/` (`downloaded → delivered`), per agency.
    public static let deliveryLatency = "lienthong_delivery_latency_seconds"
    /// Failed attempts that will be tried again, per agency, direction and the state they failed in.
    public static let retries = "lienthong_retries_total"
    /// Failed axis calls, per method and failure class (transient, permanent, ambiguous).
    public static let axisErrors = "lienthong_axis_errors_total"
    /// Documents that reached a state, per agency, direction and state.
    public static let transitions = "lienthong_transitions_total"

    private let factory: any MetricsFactory

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    public func committed(_ steps: [CommittedStep]) {
        for step in steps {
            let direction = step.direction == .outbound ? "outbound" : "inbound"
            switch step.kind {
            case .transition(_, let to):
                Counter(
                    label: Self.transitions,
                    dimensions: [("agency", step.agency), ("direction", direction), ("state", to.rawValue)],
                    factory: factory
                ).increment()
                let latency = max(0, step.at.timeIntervalSince(step.documentCreatedAt))
                if to == .sent {
                    record(latency, as: Self.sendLatency, agency: step.agency)
                } else if to == .delivered {
                    record(latency, as: Self.deliveryLatency, agency: step.agency)
                }
            case .retry(let state):
                Counter(
                    label: Self.retries,
                    dimensions: [("agency", step.agency), ("direction", direction), ("state", state.rawValue)],
                    factory: factory
                ).increment()
            }
        }
    }

    /// For ``AxisClient``'s error observer.
    public func axisCallFailed(_ error: AxisError) {
        Counter(
            label: Self.axisErrors,
            dimensions: [("method", error.method.rawValue), ("class", error.failureClass.rawValue)],
            factory: factory
        ).increment()
    }

    private func record(_ seconds: TimeInterval, as label: String, agency: String) {
        CoreMetrics.Timer(label: label, dimensions: [("agency", agency)], factory: factory)
            .recordNanoseconds(Int64(seconds * 1_000_000_000))
    }
}
