/// One `KEY=value` assignment of the `sd_notify(3)` protocol.
public enum SystemdNotification: Sendable, Equatable {
    /// `READY=1`
    case ready
    /// `STOPPING=1`
    case stopping
    /// `RELOADING=1`
    case reloading
    /// `WATCHDOG=1`
    case watchdog
    /// `STATUS=text`; newlines and other control characters become spaces (a newline ends an assignment).
    case status(String)
    /// `MONOTONIC_USEC=n`: `CLOCK_MONOTONIC` in microseconds, sent with `RELOADING=1`.
    case monotonicMicroseconds(UInt64)

    /// The assignment as sent.
    public var line: String {
        switch self {
        case .ready: return "READY=1"
        case .stopping: return "STOPPING=1"
        case .reloading: return "RELOADING=1"
        case .watchdog: return "WATCHDOG=1"
        case .status(let text):
            let controlsAsSpaces = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
            let single = String(String.UnicodeScalarView(controlsAsSpaces))
            return "STATUS=" + single
        case .monotonicMicroseconds(let value): return "MONOTONIC_USEC=\(value)"
        }
    }
}
