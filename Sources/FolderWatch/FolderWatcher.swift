import SystemSupport

/// Watches one folder and hands out the files that are ready to send (product.md, "Outbound" steps 1 and 2).
///
/// - Noticing: inotify on local disks; polling on network mounts (CIFS/SMB, NFS, … detected with `statfs`), when
///   configured, and whenever inotify fails (the reason is in ``activeMode`` for `lienthong status`). A full scan at
///   start, a full scan on every rescan request (queue overflow, lost root, unmount), and a jittered reconciliation
///   scan every `reconciliationInterval` in every mode: events are never the only source of truth.
/// - Readiness: a file is yielded once it has been quiet for `settleTime` with size, mtime and inode unchanged,
///   confirmed by a fresh `lstat`, is not empty, passes the temp-file patterns and the include/exclude globs.
///   A document folder (``DocumentFolderRule``) is yielded once, as a whole, when its metadata file and every file in
///   it have been quiet for `settleTime`; its files are never yielded on their own, before or after the metadata
///   file appears. A folder that holds files but no metadata file, unchanged for ``waitingWarningFactor`` times the
///   settle time, is reported once as a warning (a misspelt recipient code, or a document folder still missing its
///   metadata file) and listed in ``waitingFolders``.
/// - Delivery: the watcher does not move files. A file stays in the folder until its consumer moves it, and a file
///   still there at a reconciliation scan is yielded again after it settles again; so the same file (same path,
///   size, mtime, inode) can be yielded more than once over time and **consumers must deduplicate** (the state
///   store does, by path and identity). Between reconciliations each settled version is yielded once.
///
/// Scans do blocking directory listings and `lstat`s, slow on a network share: the actor runs on its own dispatch
/// queue (``DispatchQueueExecutor``), never on the cooperative threads the pipelines share.
public actor FolderWatcher {
    public nonisolated let folder: WatchedFolder
    private nonisolated let executor = DispatchQueueExecutor(label: "lienthong.watch")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let root: String
    private let filter: DocumentFilter
    private let diagnostics: @Sendable (WatchDiagnostic) -> Void
    private nonisolated let ready: AsyncStream<ReadyFile>
    private let readyContinuation: AsyncStream<ReadyFile>.Continuation
    private let clock = ContinuousClock()

    private var tracker: SettleTracker
    private var mode: ActiveWatchMode = .polling(reason: "not started yet")
    private var inotify: InotifyWatcher?
    private var forwarding: Task<Void, Never>?
    /// True when polling only because inotify failed: inotify is tried again at each reconciliation.
    private var retryInotify = false
    private var nextPoll: ContinuousClock.Instant?
    private var nextReconciliation: ContinuousClock.Instant
    private var reported: Set<String> = []
    /// Tracked paths that are document folders, with their components below the root.
    private var folderComponents: [String: [String]] = [:]
    private var waiting: WaitingFolders
    private var lastRootError: SystemError?

    /// - Parameter diagnostics: receives mode changes, fallbacks and refused files, for the daemon's log.
    public init(folder: WatchedFolder, diagnostics: @escaping @Sendable (WatchDiagnostic) -> Void = { _ in }) {
        var root = folder.root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.folder = folder
        self.root = root
        self.filter = DocumentFilter(folder: folder)
        self.diagnostics = diagnostics
        self.tracker = SettleTracker(settleTime: folder.settleTime)
        self.waiting = WaitingFolders(patience: folder.settleTime * Self.waitingWarningFactor)
        self.nextReconciliation = ContinuousClock.now
        (ready, readyContinuation) = AsyncStream.makeStream(of: ReadyFile.self)
    }

    /// The files that are ready, for one consumer. Finishes when ``run()`` returns.
    public nonisolated func readyFiles() -> AsyncStream<ReadyFile> { ready }

    /// How the folder is being watched now.
    public var activeMode: ActiveWatchMode { mode }

    /// Whether the actor's code, scans included, runs on its own queue (for tests).
    var runsOnOwnQueue: Bool { executor.isCurrent }

    /// A folder without a metadata file is reported once it has been unchanged this many settle times.
    public static let waitingWarningFactor = 10

    /// Folders that hold files but no metadata file and have been reported as waiting (absolute paths, sorted),
    /// for `lienthong status`. A folder leaves the list once it gets its metadata file, is emptied or removed.
    public var waitingFolders: [String] { waiting.reportedPaths }

    /// Lists the whole tree now (e.g. on `lienthong poll` or after the admin fixed something).
    public func rescanNow() {
        scanAll(rearm: false)
    }

    /// Watches until the surrounding task is cancelled, then stops inotify, finishes ``readyFiles()`` and returns.
    /// Call once.
    public func run() async throws {
        establishWatching()
        scanAll(rearm: false)
        scheduleReconciliation(after: clock.now)
        while !Task.isCancelled {
            do {
                try await Task.sleep(until: nextWake(after: clock.now), clock: clock)
            } catch {
                break
            }
            self.tick(at: clock.now)
        }
        stopInotify()
        readyContinuation.finish()
    }

    // MARK: Events and timers

    /// The longest the loop sleeps: polls, reconciliations and folders waiting for their metadata file are looked at
    /// this often (a fifth of the settle time, between 10 ms and 1 s, and no longer than the poll interval).
    var housekeepingInterval: Duration {
        min(max(folder.settleTime / 5, .milliseconds(10)), .seconds(1), folder.pollInterval)
    }

    /// The shortest time between two wake-ups for quiet periods that end close together (a burst of files).
    static let wakeResolution: Duration = .milliseconds(5)

    /// When the loop looks again after `now`: the moment the next file's quiet period ends (so a file is handed out
    /// when it has settled, not up to a housekeeping interval later), or the next housekeeping, whichever is first.
    /// Every event restarts a file's quiet period a whole settle time ahead, later than this, so events never need
    /// to wake the loop.
    func nextWake(after now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let housekeeping = now + housekeepingInterval
        guard let settled = tracker.nextDeadline() else { return housekeeping }
        return min(max(settled, now + Self.wakeResolution), housekeeping)
    }

    /// Acts on one inotify event.
    func handle(_ event: WatchEvent) {
        switch event {
        case .fileChanged(let path):
            observeFile(at: path)
        case .directoryAdded:
            break  // Its files arrive as .fileChanged from the scan that follows the new watch.
        case .rescanNeeded(let reason):
            diagnostics(WatchDiagnostic(level: .warning, message: "rescanning \(root): \(reason)", path: root))
            if reason.requiresNewWatcher {
                stopInotify()
                if case .watchLimitReached = reason {
                    fallBackToPolling(reason: reason.description, retry: true)
                } else {
                    startInotify()
                }
            }
            scanAll(rearm: false)
        }
    }

    /// Handles an event unless it comes from a watcher that has since been replaced (events still buffered after a
    /// lost root, for instance).
    private func forward(_ event: WatchEvent, from watcher: InotifyWatcher) {
        guard inotify === watcher else { return }
        handle(event)
    }

    func tick(at now: ContinuousClock.Instant) {
        if let nextPoll, now >= nextPoll {
            scanAll(rearm: false)
            self.nextPoll = now + folder.pollInterval
        }
        if now >= nextReconciliation {
            if retryInotify, inotify == nil { startInotify() }
            scanAll(rearm: true)
            scheduleReconciliation(after: now)
        }
        settle(at: now)
        reportWaitingFolders(at: now)
    }

    /// Paths the settle rule is tracking, for tests.
    var trackedPaths: [String] { tracker.trackedPaths }

    // MARK: Readiness

    private func settle(at now: ContinuousClock.Instant) {
        let due = tracker.dueForCheck(at: now)
        guard !due.isEmpty else { return }
        var statuses: [String: FileStatus] = [:]
        var folders: [String: DocumentFolderSnapshot] = [:]
        for path in due {
            if let components = folderComponents[path] {
                guard let snapshot = DocumentFolderSnapshot.take(path: path, components: components, filter: filter)
                else {
                    forget(path)
                    continue
                }
                track(snapshot, at: now)
                folders[path] = snapshot
                continue
            }
            guard let status = try? FileStatus.lstat(path), status.kind == .regular else {
                forget(path)
                continue
            }
            tracker.observe(
                path: path, size: status.size, modificationTime: status.modificationTime, inode: status.inode, at: now)
            statuses[path] = status
        }
        for path in tracker.takeReady(at: now) {
            if let folder = folders[path] {
                readyContinuation.yield(
                    ReadyFile(
                        path: path, relativeComponents: folder.components, size: folder.totalSize,
                        modificationTime: folder.newestModification, device: folder.device, inode: folder.inode,
                        kind: .documentFolder))
                continue
            }
            guard let status = statuses[path], let components = relativeComponents(of: path) else { continue }
            readyContinuation.yield(
                ReadyFile(
                    path: path, relativeComponents: components, size: status.size,
                    modificationTime: status.modificationTime, device: status.device, inode: status.inode))
        }
    }

    /// Tells a person about each folder that has waited too long without a metadata file, after a fresh look.
    private func reportWaitingFolders(at now: ContinuousClock.Instant) {
        let due = waiting.dueForCheck(at: now)
        guard !due.isEmpty else { return }
        for path in due {
            guard let components = relativeComponents(of: path),
                let snapshot = DocumentFolderSnapshot.takeWaiting(path: path, components: components, filter: filter)
            else {
                waiting.forget(path: path)
                continue
            }
            waiting.observe(snapshot, at: now)
        }
        for (path, components) in waiting.takeDue(at: now) {
            diagnostics(
                WatchDiagnostic(
                    level: .warning, message: waiting.warning(path: path, components: components), path: path))
        }
    }

    private func observeFile(at path: String) {
        guard let components = relativeComponents(of: path) else { return }
        let placement = folder.documentFolders.placement(ofFile: components) { folder in
            FolderScanner.holdsMetadata(root + "/" + folder.joined(separator: "/"))
        }
        switch placement {
        case .singleFile:
            break
        case .ignored:
            return
        case .memberOf(let folderComponents):
            observeFolder(folderComponents)
            return
        }
        guard filter.acceptsFile(components),
            (1..<components.count).allSatisfy({ filter.entersDirectory(Array(components[..<$0])) })
        else { return }
        do {
            let status = try FileStatus.lstat(path)
            guard status.kind == .regular else { return }
            // An event means the file (re)arrived: a clerk may move a file back unchanged (same inode, size and
            // mtime) after the consumer took it away, which no scan saw in between. Start its quiet period afresh.
            tracker.forget(path: path)
            tracker.observe(
                path: path, size: status.size, modificationTime: status.modificationTime, inode: status.inode,
                at: clock.now)
        } catch {
            if error.isNotFound { tracker.forget(path: path) }
        }
    }

    /// Something changed in the document folder at `components`: look at it whole, and restart its quiet period.
    private func observeFolder(_ components: [String]) {
        guard (1..<components.count + 1).allSatisfy({ filter.entersDirectory(Array(components[..<$0])) }) else {
            return
        }
        let path = root + "/" + components.joined(separator: "/")
        forget(path)
        if let snapshot = DocumentFolderSnapshot.take(path: path, components: components, filter: filter) {
            waiting.forget(path: path)
            track(snapshot, at: clock.now)
        } else if let waitingFolder = DocumentFolderSnapshot.takeWaiting(
            path: path, components: components, filter: filter)
        {
            waiting.observe(waitingFolder, at: clock.now)
        } else {
            waiting.forget(path: path)
        }
    }

    private func track(_ snapshot: DocumentFolderSnapshot, at now: ContinuousClock.Instant) {
        folderComponents[snapshot.path] = snapshot.components
        tracker.observe(
            path: snapshot.path, size: snapshot.totalSize, modificationTime: snapshot.newestModification,
            inode: snapshot.fingerprint, at: now)
    }

    private func forget(_ path: String) {
        tracker.forget(path: path)
        folderComponents[path] = nil
    }

    private func scanAll(rearm: Bool) {
        let result = FolderScanner(root: root, filter: filter, rule: folder.documentFolders).scan()
        let now = clock.now
        if let error = result.rootError {
            if error != lastRootError {
                diagnostics(
                    WatchDiagnostic(level: .error, message: "cannot list the watched folder: \(error)", path: root))
            }
            lastRootError = error
            return
        }
        if lastRootError != nil {
            diagnostics(
                WatchDiagnostic(level: .info, message: "the watched folder \(root) is readable again", path: root))
            lastRootError = nil
        }
        if rearm { tracker.rearmReturned(at: now) }
        for file in result.files {
            tracker.observe(
                path: file.path, size: file.status.size, modificationTime: file.status.modificationTime,
                inode: file.status.inode, at: now)
        }
        for snapshot in result.folders { track(snapshot, at: now) }
        for snapshot in result.waiting { waiting.observe(snapshot, at: now) }
        waiting.forgetAll(except: Set(result.waiting.map(\.path)))
        let present = Set(result.files.map(\.path) + result.folders.map(\.path))
        tracker.forgetAll(except: present)
        folderComponents = folderComponents.filter { present.contains($0.key) }
        // Each refused entry is reported once (up to a bound, against a folder full of planted links).
        for (path, reason) in result.refused where reported.count < 10_000 && !reported.contains(path) {
            reported.insert(path)
            diagnostics(WatchDiagnostic(level: .warning, message: "\(path) is not sent: \(reason)", path: path))
        }
    }

    private func relativeComponents(of path: String) -> [String]? {
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let components = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        return components.isEmpty ? nil : components
    }

    private func scheduleReconciliation(after now: ContinuousClock.Instant) {
        nextReconciliation = now + folder.reconciliationInterval * Double.random(in: 0.9...1.1)
    }

    // MARK: Choosing inotify or polling

    private func establishWatching() {
        switch folder.mode {
        case .poll:
            fallBackToPolling(reason: "the configuration says watch: poll", retry: false)
        case .inotify:
            startInotify()
        case .auto:
            if let filesystem = try? MountInspector.filesystem(of: root), filesystem.isNetwork {
                fallBackToPolling(
                    reason: "\(root) is on a network filesystem (\(filesystem.name)), where inotify does not see "
                        + "changes made by other machines",
                    retry: false)
            } else {
                startInotify()
            }
        }
    }

    private func startInotify() {
        let filter = self.filter
        let watcher = InotifyWatcher(root: root, maxDepth: folder.maxDepth) { !filter.entersDirectory($0) }
        do {
            try watcher.start()
        } catch {
            fallBackToPolling(reason: error.description, retry: true)
            return
        }
        inotify = watcher
        forwarding = Task { [weak self] in
            for await event in watcher.events {
                guard let self else { return }
                await self.forward(event, from: watcher)
            }
        }
        retryInotify = false
        nextPoll = nil
        setMode(.inotify)
    }

    private func stopInotify() {
        inotify?.stop()
        inotify = nil
        forwarding?.cancel()
        forwarding = nil
    }

    private func fallBackToPolling(reason: String, retry: Bool) {
        retryInotify = retry
        if nextPoll == nil { nextPoll = clock.now + folder.pollInterval }
        setMode(.polling(reason: reason))
    }

    private func setMode(_ newMode: ActiveWatchMode) {
        guard newMode != mode else { return }
        mode = newMode
        let level: WatchDiagnostic.Level = retryInotify ? .warning : .info
        diagnostics(WatchDiagnostic(level: level, message: "watching \(root) by \(newMode)", path: root))
    }
}
