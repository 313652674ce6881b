extension AxisService {
    /// A stored time (milliseconds since 1970) as this axis reports it in list replies: Vietnam time, shifted by
    /// `clock_offset` to play an axis whose clock or zone is not ours.
    func reportedTime(_ milliseconds: Int64) -> String {
        AxisTimeFormat.string(milliseconds: shifted(milliseconds))
    }

    /// The same for the `TraceHeader` appended to served envelopes.
    func reportedTraceTimestamp(_ milliseconds: Int64) -> String {
        AxisTimeFormat.traceTimestamp(milliseconds: shifted(milliseconds))
    }

    private func shifted(_ milliseconds: Int64) -> Int64 {
        milliseconds + Int64(configuration.clockOffsetSeconds) * 1000
    }
}
