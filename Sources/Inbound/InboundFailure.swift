/// Why an inbound step did not complete.
enum InboundFailure: Error, CustomStringConvertible {
    /// Try again later (axis down, disk full).
    case transient(String)
    /// The document itself is unacceptable (malformed, hostile, over limits): quarantine it and tell the axis `fail`.
    case rejected(String)

    var description: String {
        switch self {
        case .transient(let reason), .rejected(let reason): reason
        }
    }
}
