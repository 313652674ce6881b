import AxisProtocol

/// Calls, failed calls and injected faults per method since start or the last reset, in memory. Unknown paths
/// count under one key, `(unknown)`.
final class AxisCallCounters: Sendable {
    private struct Counts {
        var calls: [String: Int] = [:]
        var failures: [String: Int] = [:]
        var faults: [String: Int] = [:]
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

    func snapshot() -> (calls: [String: Int], failures: [String: Int], faults: [String: Int]) {
        counts.withLock { ($0.calls, $0.failures, $0.faults) }
    }

    func reset() {
        counts.withLock { $0 = Counts() }
    }
}
