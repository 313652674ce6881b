import Foundation
import Synchronization

/// Watches a directory tree with inotify on a dedicated thread and reports ``WatchEvent``s.
///
/// - Recursive: every directory below the root (to `maxDepth`, skipping hidden ones and those `skipDirectory`
///   rejects) has its own watch. A new directory is watched first and scanned second, and the files found are
///   reported, because files written before a watch exists produce no events.
/// - Lossy by nature: on `IN_Q_OVERFLOW`, a lost root (`IN_IGNORED`, deleted or moved), `IN_UNMOUNT`, a watch limit
///   reached for a new directory, or a full event buffer, it reports ``WatchEvent/rescanNeeded(_:)``; the consumer
///   then lists the whole tree. Events are hints, never the only source of truth.
/// - The reader thread blocks in `poll` on the inotify descriptor and an eventfd used to stop it; it never spins.
public final class InotifyWatcher: Sendable {
    public let root: String
    /// The events, in order. One consumer. Finishes when the watcher stops.
    public let events: AsyncStream<WatchEvent>

    private let continuation: AsyncStream<WatchEvent>.Continuation
    private let maxDepth: Int
    private let skipDirectory: @Sendable ([String]) -> Bool
    private let stopSwitch = StopSwitch()
    private let watchCountBox = Mutex(0)

    /// - Parameters:
    ///   - maxDepth: directory levels below `root` to watch (0: the root only).
    ///   - bufferLimit: events buffered for a slow consumer; beyond it events are dropped and a rescan is requested.
    ///   - skipDirectory: given a directory's path components below `root`, true to leave it unwatched.
    public init(
        root: String, maxDepth: Int = 3, bufferLimit: Int = 65_536,
        skipDirectory: @escaping @Sendable ([String]) -> Bool = { _ in false }
    ) {
        var trimmed = root
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
        self.maxDepth = maxDepth
        self.skipDirectory = skipDirectory
        (events, continuation) = AsyncStream.makeStream(
            of: WatchEvent.self, bufferingPolicy: .bufferingOldest(bufferLimit))
    }

    deinit {
        stop()
    }

    /// Sets up the watches for the whole tree and starts the reader thread.
    /// - Throws: ``InotifyError``: the watch or instance limit is reached, the root is missing, or inotify failed.
    ///   The caller should poll instead.
    public func start() throws(InotifyError) {
        guard stopSwitch.claimStart() else { throw .alreadyStarted }
        let reader = try InotifyReader(
            root: root, maxDepth: maxDepth, continuation: continuation, skipDirectory: skipDirectory)
        try reader.watchInitialTree()
        watchCountBox.withLock { $0 = reader.watchCount }
        stopSwitch.arm(reader.stopSignal.rawDescriptor)
        let stopSwitch = self.stopSwitch
        let continuation = self.continuation
        let thread = Thread {
            reader.run()
            stopSwitch.disarm { try? reader.stopSignal.close() }
            continuation.finish()
        }
        thread.name = "lienthong-inotify"
        thread.start()
    }

    /// Stops the reader thread (asynchronously) and finishes ``events``. Safe to call more than once.
    public func stop() {
        if !stopSwitch.fire() { continuation.finish() }
    }

    /// How many directories were watched after ``start()``.
    public var initialWatchCount: Int { watchCountBox.withLock { $0 } }
}

/// The only state shared between the reader thread and the rest: whether a stop was asked for, and the eventfd that
/// wakes the thread. The eventfd is written and closed under the same lock, so a stop can never write into a
/// descriptor number the kernel has reused.
final class StopSwitch: Sendable {
    private struct State {
        var started = false
        var stopped = false
        var signal: Int32 = -1
    }

    private let state = Mutex(State())

    func claimStart() -> Bool {
        state.withLock { state in
            guard !state.started, !state.stopped else { return false }
            state.started = true
            return true
        }
    }

    func arm(_ signal: Int32) {
        let stoppedAlready = state.withLock { state in
            state.signal = signal
            return state.stopped
        }
        if stoppedAlready { InotifySystem.signal(signal) }
    }

    /// Asks the thread to stop; returns true when a running thread was signalled.
    func fire() -> Bool {
        state.withLock { state in
            state.stopped = true
            guard state.signal >= 0 else { return false }
            InotifySystem.signal(state.signal)
            return true
        }
    }

    func disarm(closing: () -> Void) {
        state.withLock { state in
            state.signal = -1
            closing()
        }
    }
}
