import CLinux

/// What the reader thread must do for one inotify event.
enum RouterAction: Sendable, Equatable {
    case emit(WatchEvent)
    /// Add a watch on the new directory, then scan it (files written before the watch existed produce no events).
    case watchTree(String)
    /// Remove the watches of a directory that left (or moved within) the tree.
    case unwatchTree(String)
}

/// Turns raw inotify events into actions. Pure apart from its ``WatchTable``, so every rare event (overflow, a
/// lost root, an unmount) is unit-tested without provoking it in a kernel.
struct InotifyEventRouter: Sendable {
    var table: WatchTable

    mutating func route(_ event: RawInotifyEvent) -> [RouterAction] {
        if event.has(CLinux_IN_Q_OVERFLOW) { return [.emit(.rescanNeeded(.queueOverflow))] }
        guard let directory = table.path(of: event.watch) else { return [] }  // A watch already forgotten.
        let isRoot = event.watch == table.rootWatch

        if event.has(CLinux_IN_UNMOUNT) { return [.emit(.rescanNeeded(.unmounted(table.root)))] }
        if event.has(CLinux_IN_IGNORED) {
            table.remove(event.watch)
            return isRoot ? [.emit(.rescanNeeded(.rootWatchLost(table.root)))] : []
        }
        if event.has(CLinux_IN_DELETE_SELF) || event.has(CLinux_IN_MOVE_SELF) {
            // For a subdirectory, its parent reports the move or deletion by name; IN_IGNORED follows a deletion.
            return isRoot ? [.emit(.rescanNeeded(.rootWatchLost(table.root)))] : []
        }
        guard !event.name.isEmpty else { return [] }
        let path = directory.hasSuffix("/") ? directory + event.name : directory + "/" + event.name

        if event.has(CLinux_IN_ISDIR) {
            if event.has(CLinux_IN_MOVED_FROM) { return [.unwatchTree(path)] }
            if event.has(CLinux_IN_CREATE) || event.has(CLinux_IN_MOVED_TO) { return [.watchTree(path)] }
            return []
        }
        if event.has(CLinux_IN_CLOSE_WRITE) || event.has(CLinux_IN_MOVED_TO) { return [.emit(.fileChanged(path))] }
        return []
    }
}
