/// How a folder is watched, as configured (`watch:` in lienthong.yaml).
public enum WatchMode: String, Sendable, CaseIterable {
    /// inotify on local disks, polling on network mounts and whenever inotify cannot be used.
    case auto
    /// inotify even on network mounts (for a local FUSE or a Samba-exported local disk); polling only if it fails.
    case inotify
    /// Polling only.
    case poll
}

/// How a folder is actually being watched right now, for `lienthong status` and the log.
public enum ActiveWatchMode: Sendable, Equatable, CustomStringConvertible {
    case inotify
    /// Polling, and why (configured, network filesystem, inotify limit reached, folder missing…).
    case polling(reason: String)

    public var description: String {
        switch self {
        case .inotify: "inotify"
        case .polling(let reason): "polling (\(reason))"
        }
    }
}
