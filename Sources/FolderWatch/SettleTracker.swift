import SystemSupport

/// The settle rule (reliability.md, "Watching folders"; product.md, "Outbound" step 2), as a pure value: a file is
/// ready once it has been observed with the same size, mtime and inode for at least the settle time, and is not
/// empty. Events and scans only feed observations; nothing here touches the filesystem, so every rule is tested
/// with invented times.
///
/// A path is returned by ``takeReady(at:)`` once per settled version. It is returned again only after it changes
/// and settles again, or after ``rearmReturned(at:)`` (the periodic reconciliation) while it is still there.
public struct SettleTracker: Sendable {
    public typealias Instant = ContinuousClock.Instant

    public let settleTime: Duration

    private struct Entry: Sendable {
        var size: Int64
        var modificationTime: FileTimestamp
        var inode: UInt64
        /// When the current version was first observed.
        var since: Instant
        /// True once this version has been returned by takeReady.
        var returned: Bool
    }

    private var entries: [String: Entry] = [:]
    /// The paths whose current version has not been returned yet: the only ones a look for ready paths needs to
    /// visit. A full outbox at start leaves 100,000 paths tracked and returned until their files are claimed away;
    /// every wake-up of the watcher would otherwise walk them all.
    private var waiting: Set<String> = []

    public init(settleTime: Duration) {
        self.settleTime = settleTime
    }

    /// Records what a scan or event saw at `now`. A new path, or a change of size, mtime or inode, (re)starts its
    /// quiet period. Returns true when this observation was new or a change.
    @discardableResult
    public mutating func observe(
        path: String, size: Int64, modificationTime: FileTimestamp, inode: UInt64, at now: Instant
    ) -> Bool {
        if let entry = entries[path], entry.size == size, entry.modificationTime == modificationTime,
            entry.inode == inode
        {
            return false
        }
        entries[path] = Entry(size: size, modificationTime: modificationTime, inode: inode, since: now, returned: false)
        waiting.insert(path)
        return true
    }

    /// Paths that will be ready at `now` if a fresh look shows them unchanged: quiet long enough, not empty, not
    /// yet returned. The watcher re-reads their status, calls ``observe(path:size:modificationTime:inode:at:)``,
    /// and then ``takeReady(at:)``; so the quiet period is always confirmed by a look at its end.
    public func dueForCheck(at now: Instant) -> [String] {
        waiting.filter { path in entries[path].map { isReady($0, at: now) } ?? false }.sorted()
    }

    /// The paths ready at `now`, sorted; each is marked returned and not returned again for this version.
    public mutating func takeReady(at now: Instant) -> [String] {
        let ready = dueForCheck(at: now)
        for path in ready {
            entries[path]?.returned = true
            waiting.remove(path)
        }
        return ready
    }

    /// Stops tracking `path` (it disappeared or was claimed).
    public mutating func forget(path: String) {
        entries[path] = nil
        waiting.remove(path)
    }

    /// Forgets every path not in `present`; used after a full scan.
    public mutating func forgetAll(except present: Set<String>) {
        entries = entries.filter { present.contains($0.key) }
        waiting.formIntersection(present)
    }

    /// Makes paths already returned eligible again after another full quiet period from `now`. The reconciliation
    /// scan calls this, so a file that is still in the folder long after it was handed out (its consumer failed or
    /// lost it) is handed out again; consumers deduplicate.
    public mutating func rearmReturned(at now: Instant) {
        for (path, entry) in entries where entry.returned {
            entries[path]?.returned = false
            entries[path]?.since = now
            waiting.insert(path)
        }
    }

    /// The earliest time at which a tracked path not yet returned could become ready.
    public func nextDeadline() -> Instant? {
        waiting.compactMap { entries[$0] }.filter { $0.size > 0 }.map { $0.since + settleTime }.min()
    }

    public func isTracking(_ path: String) -> Bool { entries[path] != nil }

    public var trackedPaths: [String] { entries.keys.sorted() }

    private func isReady(_ entry: Entry, at now: Instant) -> Bool {
        !entry.returned && entry.size > 0 && entry.since.duration(to: now) >= settleTime
    }
}
