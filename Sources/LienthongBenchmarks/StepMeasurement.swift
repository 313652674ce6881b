/// Measures one step from creation to ``finish()``: wall-clock time, and how far the peak resident memory rose
/// above the resident memory at the start.
///
/// The in-process lienthong-axis runs in this process, so an axis step counts the server's memory as well as the
/// client's.
final class StepMeasurement {
    private let started: ContinuousClock.Instant
    private let baseline: Int64
    private let method: MemoryMethod
    private let sampler: RSSSampler?

    init(method: MemoryMethod) {
        self.method = method
        if method == .highWaterMark { ProcessMemory.resetPeak() }
        baseline = ProcessMemory.residentBytes() ?? 0
        sampler = method == .sampled ? RSSSampler(baseline: baseline) : nil
        started = .now
    }

    /// Seconds since creation, the peak RSS in bytes, and its growth over the RSS at the start (never negative).
    func finish() -> (seconds: Double, peakBytes: Int64, peakGrowthBytes: Int64) {
        let elapsed = ContinuousClock.now - started
        let peak: Int64
        switch method {
        case .highWaterMark: peak = ProcessMemory.peakResidentBytes() ?? baseline
        case .sampled: peak = sampler?.stop() ?? baseline
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (seconds, peak, max(0, peak - baseline))
    }
}
