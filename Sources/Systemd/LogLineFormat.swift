/// How `JournalLogHandler` prints a record on stderr.
public enum LogLineFormat: Sendable, Equatable {
    /// `<N>message KEY=value key=value`: the syslog priority prefix that journald reads from a service's stderr
    /// (and that `systemd-cat` and most daemons use). The default whenever stderr is not a terminal.
    case priorityPrefixed
    /// `2026-11-25T11:48:48.123+07:00 WARNING  message key=value`: for a person running the daemon in a terminal.
    case terminal
}
