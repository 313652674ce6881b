import Foundation

/// Samples `VmRSS` every 10 ms on a background thread and keeps the largest value: the fallback when the kernel
/// does not let ``ProcessMemory/resetPeak()`` reset the high-water mark. It can miss a peak shorter than 10 ms.
///
/// `@unchecked Sendable`: the mutable state is only touched under `lock`.
final class RSSSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var peak: Int64
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    /// Starts sampling at once; `baseline` is the first sample.
    init(baseline: Int64) {
        peak = baseline
        Thread.detachNewThread { [self] in
            while true {
                let sample = ProcessMemory.residentBytes() ?? 0
                let done = lock.withLock {
                    peak = max(peak, sample)
                    return stopping
                }
                if done { break }
                usleep(10_000)
            }
            finished.signal()
        }
    }

    /// Stops the thread (after one last sample) and returns the largest RSS seen, in bytes.
    func stop() -> Int64 {
        lock.withLock { stopping = true }
        finished.wait()
        return lock.withLock { peak }
    }
}
