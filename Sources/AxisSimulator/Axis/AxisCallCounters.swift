import AxisProtocol

/// Calls per method since start or the last reset, in memory. Unknown paths count under their last segment.
final class AxisCallCounters: Sendable {
    private struct Counts {
        var calls: [String: Int] = [:]
        var failures: [String: Int] = [:]
    }

    private let counts = Locked(Counts())

    func record(method: String, failed: Bool) {
        counts.withLock { counts in
            counts.calls[method, default: 0] += 1
            if failed { counts.failures[method, default: 0] += 1 }
        }
    }

    func snapshot() -> (calls: [String: Int], failures: [String: Int]) {
        counts.withLock { ($0.calls, $0.failures) }
    }

    func reset() {
        counts.withLock { $0 = Counts() }
    }
}
