import Glibc

/// The signals an administrator sends to the running daemon, besides `SIGTERM`/`SIGINT` (graceful shutdown, which
/// swift-service-lifecycle handles).
public enum ControlSignal: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `SIGHUP` (`systemctl reload lienthong`): reload `/etc/lienthong/lienthong.yaml` without dropping work.
    case reload
    /// `SIGUSR1` (`lienthong poll`): poll the axis now instead of waiting for the poll interval.
    case pollNow

    /// The signal number.
    public var signalNumber: Int32 {
        switch self {
        case .reload: return SIGHUP
        case .pollNow: return SIGUSR1
        }
    }

    public var description: String {
        switch self {
        case .reload: return "SIGHUP (reload)"
        case .pollNow: return "SIGUSR1 (poll now)"
        }
    }
}
