import Logging

extension Logger.Level {
    /// The syslog priority that journald reads from a `<N>` line prefix or a `PRIORITY=` field
    /// (0 emerg … 7 debug). swift-log has no emergency or alert level, so `critical` maps to 2 (crit).
    public var syslogPriority: Int {
        switch self {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// The fixed-width word printed on a terminal instead of the `<N>` prefix.
    var terminalWord: String {
        switch self {
        case .trace: return "TRACE   "
        case .debug: return "DEBUG   "
        case .info: return "INFO    "
        case .notice: return "NOTICE  "
        case .warning: return "WARNING "
        case .error: return "ERROR   "
        case .critical: return "CRITICAL"
        }
    }
}
