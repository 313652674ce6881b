import CLinux
import SystemSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The state of one inotify instance: its descriptors, the watch table, and the loop that reads events.
///
/// `@unchecked Sendable` because it is handed over, not shared: ``InotifyWatcher/start()`` builds it on the
/// caller's thread and then gives it to the reader thread, which alone uses it until it ends. The one cross-thread
/// operation, waking the thread through the stop signal, goes through ``StopSwitch``'s lock.
final class InotifyReader: @unchecked Sendable {
    private let inotify: FileDescriptor
    let stopSignal: FileDescriptor
    private var router: InotifyEventRouter
    private let continuation: AsyncStream<WatchEvent>.Continuation
    private let maxDepth: Int
    private let skipDirectory: @Sendable ([String]) -> Bool
    /// Set when an event could not be buffered; a rescan request is owed to the consumer.
    private var rescanOwed = false
    private var consumerGone = false

    init(
        root: String, maxDepth: Int, continuation: AsyncStream<WatchEvent>.Continuation,
        skipDirectory: @escaping @Sendable ([String]) -> Bool
    ) throws(InotifyError) {
        self.inotify = try InotifySystem.initialize()
        do {
            self.stopSignal = try InotifySystem.makeStopSignal()
        } catch {
            throw .system(error)
        }
        self.router = InotifyEventRouter(table: WatchTable(root: root))
        self.continuation = continuation
        self.maxDepth = maxDepth
        self.skipDirectory = skipDirectory
    }

    var watchCount: Int { router.table.count }

    /// Watches the root and every directory below it (up to the depth limit), without reporting files: the
    /// caller's initial full scan finds those.
    func watchInitialTree() throws(InotifyError) {
        let root = router.table.root
        let status: FileStatus
        do { status = try FileStatus.stat(root) } catch { throw .rootUnavailable(error) }
        guard status.kind == .directory else {
            throw .rootUnavailable(SystemError(operation: "watch", path: root, errno: ENOTDIR))
        }
        if let failure = watchTree(root, reportFiles: false) { throw failure }
    }

    /// Reads and routes events until the stop signal fires or the consumer goes away.
    func run() {
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: capacity, alignment: MemoryLayout<Int32>.alignment)
        defer { buffer.deallocate() }
        while !consumerGone {
            if rescanOwed, emit(.rescanNeeded(.eventBufferFull)) { rescanOwed = false }
            let ready: (eventsReady: Bool, stopRequested: Bool)
            do {
                ready = try InotifySystem.wait(
                    inotify: inotify, stopSignal: stopSignal, timeoutMilliseconds: rescanOwed ? 100 : -1)
            } catch {
                _ = emit(.rescanNeeded(.watchFailed(error.description)))
                return
            }
            if ready.stopRequested { return }
            if ready.eventsReady { drain(buffer) }
        }
    }

    private func drain(_ buffer: UnsafeMutableRawBufferPointer) {
        while !consumerGone {
            let count: Int
            do {
                count = try inotify.read(into: buffer)
            } catch {
                if error.errno != EAGAIN { _ = emit(.rescanNeeded(.watchFailed(error.description))) }
                return
            }
            guard count > 0 else { return }
            for event in InotifyEventDecoder.decode(UnsafeRawBufferPointer(rebasing: buffer[..<count])) {
                perform(router.route(event))
            }
        }
    }

    private func perform(_ actions: [RouterAction]) {
        for action in actions {
            switch action {
            case .emit(let event):
                _ = emit(event)
            case .watchTree(let path):
                if let failure = watchTree(path, reportFiles: true) {
                    if case .watchLimitReached(let limited) = failure {
                        _ = emit(.rescanNeeded(.watchLimitReached(path: limited)))
                    } else {
                        _ = emit(.rescanNeeded(.watchFailed(failure.description)))
                    }
                }
            case .unwatchTree(let path):
                for watch in router.table.watches(under: path) {
                    InotifySystem.removeWatch(inotify, watch)
                    router.table.remove(watch)
                }
            }
        }
    }

    /// Adds the watch on `path` first and only then lists it, so a file written between the directory's creation
    /// and its watch is still found (reliability.md: "add the watch, then scan the new directory"). Recurses into
    /// subdirectories the same way. Returns the first failure that means inotify cannot cover the tree.
    private func watchTree(_ path: String, reportFiles: Bool) -> InotifyError? {
        guard let components = router.table.relativeComponents(of: path), components.count <= maxDepth,
            components.isEmpty || !skipDirectory(components)
        else { return nil }
        let mask = components.isEmpty ? InotifySystem.rootMask : InotifySystem.directoryMask
        do {
            router.table.insert(try InotifySystem.addWatch(inotify, path: path, mask: mask), path: path)
        } catch {
            switch error.errno {
            case ENOSPC: return .watchLimitReached(path: path)
            case ENOENT, ENOTDIR, ELOOP: return components.isEmpty ? .rootUnavailable(error) : nil  // Gone again.
            default: return .system(error)
            }
        }
        if reportFiles, !components.isEmpty { _ = emit(.directoryAdded(path)) }
        guard let entries = try? Directories.list(path) else { return nil }
        for entry in entries where entry.hasValidUTF8Name {
            let child = path.hasSuffix("/") ? path + entry.name : path + "/" + entry.name
            switch entry.kind {
            case .directory where !entry.name.hasPrefix("."):
                if let failure = watchTree(child, reportFiles: reportFiles) { return failure }
            case .regular where reportFiles:
                _ = emit(.fileChanged(child))
            default:
                continue
            }
        }
        return nil
    }

    /// Hands `event` to the consumer; false when it could not be buffered.
    private func emit(_ event: WatchEvent) -> Bool {
        switch continuation.yield(event) {
        case .enqueued:
            return true
        case .dropped:
            rescanOwed = true
            return false
        case .terminated:
            consumerGone = true
            return false
        @unknown default:
            return false
        }
    }
}
