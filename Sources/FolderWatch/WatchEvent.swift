/// What the inotify reader reports. Events are hints: the watcher looks at the file itself before acting.
public enum WatchEvent: Sendable, Equatable {
    /// A file was closed after writing or moved into the tree (also reported for files found when a new directory
    /// is scanned right after its watch was added).
    case fileChanged(String)
    /// A directory appeared (created or moved in) and is now watched.
    case directoryAdded(String)
    /// Events were or may have been lost: the whole tree must be listed again.
    case rescanNeeded(RescanReason)
}

/// Why a full scan is needed.
public enum RescanReason: Sendable, Equatable, CustomStringConvertible {
    /// The kernel's inotify queue overflowed (`IN_Q_OVERFLOW`): events were dropped.
    case queueOverflow
    /// The consumer fell behind and lienthong's own event buffer was full: events were dropped.
    case eventBufferFull
    /// The watched root was deleted, moved or its watch removed (`IN_IGNORED`); inotify must be set up again.
    case rootWatchLost(String)
    /// The filesystem holding the tree was unmounted (`IN_UNMOUNT`); inotify must be set up again.
    case unmounted(String)
    /// `inotify_add_watch` failed with `ENOSPC` for a new directory: the per-user watch limit is reached.
    case watchLimitReached(path: String)
    /// Adding a watch for a new directory failed for another reason.
    case watchFailed(String)
    /// Someone asked (`rescanNow()`).
    case requested

    public var description: String {
        switch self {
        case .queueOverflow:
            "the inotify queue overflowed and events were lost (fs.inotify.max_queued_events)"
        case .eventBufferFull:
            "lienthong fell behind reading folder events and some were dropped"
        case .rootWatchLost(let path):
            "the watched folder \(path) was removed, moved or replaced"
        case .unmounted(let path):
            "the filesystem holding \(path) was unmounted"
        case .watchLimitReached(let path):
            InotifyError.watchLimitReached(path: path).description
        case .watchFailed(let message):
            "a new directory could not be watched: \(message)"
        case .requested:
            "a rescan was requested"
        }
    }

    /// True when the inotify watch on the root is gone and must be set up again.
    var requiresNewWatcher: Bool {
        switch self {
        case .rootWatchLost, .unmounted, .watchLimitReached: true
        default: false
        }
    }
}
