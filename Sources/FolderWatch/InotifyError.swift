import SystemSupport

/// Why inotify cannot watch a folder. Every case is a reason to fall back to polling, which the watcher does.
public enum InotifyError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `inotify_init1` failed with `EMFILE`: the per-user limit of inotify instances is reached.
    case instanceLimitReached
    /// `inotify_add_watch` failed with `ENOSPC`: the per-user limit of watches is reached (not a full disk).
    case watchLimitReached(path: String)
    /// The folder to watch is missing or not a directory.
    case rootUnavailable(SystemError)
    /// Any other failure of the inotify system calls.
    case system(SystemError)
    /// ``InotifyWatcher/start()`` was called twice.
    case alreadyStarted

    public var description: String {
        switch self {
        case .instanceLimitReached:
            "the per-user limit of inotify instances is reached (fs.inotify.max_user_instances, default 128); "
                + "raise it, e.g. `sysctl -w fs.inotify.max_user_instances=1024` and in /etc/sysctl.d/"
                + "60-lienthong.conf (shipped with the package). lienthong polls this folder meanwhile."
        case .watchLimitReached(let path):
            "the per-user limit of inotify watches is reached while watching \(path) — this ENOSPC is the "
                + "fs.inotify.max_user_watches limit, not a full disk; raise it, e.g. "
                + "`sysctl -w fs.inotify.max_user_watches=524288` and in /etc/sysctl.d/60-lienthong.conf (shipped "
                + "with the package). lienthong polls this folder meanwhile."
        case .rootUnavailable(let error):
            "the folder to watch cannot be used: \(error)"
        case .system(let error):
            "inotify failed: \(error)"
        case .alreadyStarted:
            "this inotify watcher was already started"
        }
    }
}
