/// The figures of one measured step.
struct StepResult: Sendable {
    /// A step whose peak RSS rose by this much or more is reported as growing with the data.
    static let flatLimitBytes: Int64 = 64 << 20

    var name: String
    /// Bytes the step streamed (the attachment for edXML steps, the envelope for axis steps).
    var bytes: Int64
    var seconds: Double
    /// The process's peak resident memory during the step.
    var peakBytes: Int64
    /// How far the peak rose above the resident memory at the start of the step.
    var peakGrowthBytes: Int64
    /// Whether the step's output hashed equal to its input; nil for a step with nothing to compare.
    var hashMatches: Bool?

    var mibPerSecond: Double { seconds > 0 ? Double(bytes) / 1_048_576 / seconds : 0 }
    var isFlat: Bool { peakGrowthBytes < Self.flatLimitBytes }
    var passed: Bool { isFlat && hashMatches != false }
    var verdict: String { isFlat ? "flat" : "GROWS" }
}
