import AxisProtocol

/// Calls, failed calls and injected faults per method, and accepted acknowledgements per docId, since start or the
/// last reset, in memory. Unknown paths count under one key, `(unknown)`.
final class AxisCallCounters: Sendable {
    private struct Counts {
        var calls: [String: Int] = [:]
        var failures: [String: Int] = [:]
        var faults: [String: Int] = [:]
        var acknowledgements: [String: AdminStatistics.Acknowledgements] = [:]
    }

    private let counts = Locked(Counts())

    func record(method: String, failed: Bool) {
        counts.withLock { counts in
            counts.calls[method, default: 0] += 1
            if failed { counts.failures[method, default: 0] += 1 }
        }
    }

    func recordFault(method: String) {
        counts.withLock { $0.faults[method, default: 0] += 1 }
    }

    /// An `updateStatus` the axis accepted.
    func recordAcknowledgement(docId: String, status: DeliveryStatus, description: String) {
        counts.withLock { counts in
            var acknowledgements = counts.acknowledgements[docId] ?? .init()
            switch status {
            case .done: acknowledgements.done += 1
            case .fail: acknowledgements.fail += 1
            case .processing: acknowledgements.processing += 1
            case .pending: return
            }
            acknowledgements.lastDescription = description
            counts.acknowledgements[docId] = acknowledgements
        }
    }

    func snapshot() -> (
        calls: [String: Int], failures: [String: Int], faults: [String: Int],
        acknowledgements: [String: AdminStatistics.Acknowledgements]
    ) {
        counts.withLock { ($0.calls, $0.failures, $0.faults, $0.acknowledgements) }
    }

    func reset() {
        counts.withLock { $0 = Counts() }
    }
}
