import Foundation

/// How many documents a pipeline moves through their steps at once.
public enum PipelineConcurrency {
    /// Enough to keep both the CPU (hashing, signing, parsing) and the axis connection busy while another document
    /// waits for I/O, and within the ten connections the axis SDK allows a system: twice the cores, 2 to 10.
    public static var standard: Int { min(10, max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)) }
}
