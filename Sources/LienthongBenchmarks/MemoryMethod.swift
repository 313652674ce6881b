/// How a step's peak resident memory is measured.
enum MemoryMethod: Sendable, CustomStringConvertible {
    /// `VmHWM` reset through `/proc/self/clear_refs` before the step and read after it: exact.
    case highWaterMark
    /// `VmRSS` sampled every 10 ms by ``RSSSampler``: can miss very short peaks.
    case sampled

    /// The exact method when this kernel supports it, checked by actually resetting a raised peak.
    static func detect() -> MemoryMethod {
        ProcessMemory.peakResetWorks() ? .highWaterMark : .sampled
    }

    var description: String {
        switch self {
        case .highWaterMark: "VmHWM, reset before each step through /proc/self/clear_refs"
        case .sampled: "VmRSS sampled every 10 ms (clear_refs cannot reset VmHWM here)"
        }
    }
}
