import CLinux
import SystemSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The inotify, eventfd and poll system calls, funnelled like SystemSupport's: `EINTR` retried, `errno` turned into
/// thrown errors. Nothing else in FolderWatch calls libc.
enum InotifySystem {
    /// What every watched directory reports. `IN_CREATE` and `IN_MOVED_FROM` matter only for directories (new ones
    /// are watched then scanned; departed ones are unwatched); for files only close-write and moved-to are hints.
    static let directoryMask: UInt32 =
        CLinux_IN_CLOSE_WRITE | CLinux_IN_MOVED_TO | CLinux_IN_MOVED_FROM | CLinux_IN_CREATE | CLinux_IN_DELETE_SELF
        | CLinux_IN_MOVE_SELF | CLinux_IN_ONLYDIR | CLinux_IN_DONT_FOLLOW | CLinux_IN_EXCL_UNLINK

    /// The root comes from the configuration and may be reached through a symbolic link, so it alone is followed.
    static let rootMask: UInt32 = directoryMask & ~CLinux_IN_DONT_FOLLOW

    static func initialize() throws(InotifyError) -> FileDescriptor {
        let fd = CLinux_inotify_init1(CLinux_IN_CLOEXEC | CLinux_IN_NONBLOCK)
        guard fd >= 0 else {
            let code = Glibc.errno
            if code == EMFILE { throw .instanceLimitReached }
            throw .system(SystemError(operation: "inotify_init1", path: nil, errno: code))
        }
        return FileDescriptor(owning: fd, path: "inotify")
    }

    static func addWatch(_ inotify: FileDescriptor, path: String, mask: UInt32) throws(SystemError) -> Int32 {
        while true {
            let wd = CLinux_inotify_add_watch(inotify.rawDescriptor, path, mask)
            if wd >= 0 { return wd }
            let code = Glibc.errno
            if code != EINTR { throw SystemError(operation: "inotify_add_watch", path: path, errno: code) }
        }
    }

    /// Removes a watch; a watch the kernel already dropped (`EINVAL`) is not an error.
    static func removeWatch(_ inotify: FileDescriptor, _ wd: Int32) {
        _ = CLinux_inotify_rm_watch(inotify.rawDescriptor, wd)
    }

    static func makeStopSignal() throws(SystemError) -> FileDescriptor {
        let fd = CLinux_eventfd(0, CLinux_EFD_CLOEXEC | CLinux_EFD_NONBLOCK)
        guard fd >= 0 else { throw SystemError(operation: "eventfd", path: nil, errno: Glibc.errno) }
        return FileDescriptor(owning: fd, path: "eventfd")
    }

    /// Wakes the thread blocked in ``wait(inotify:stopSignal:timeoutMilliseconds:)``. Safe from any thread while
    /// `stopSignal` is open.
    static func signal(_ stopSignal: Int32) {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Glibc.write(stopSignal, $0.baseAddress, $0.count) }
    }

    /// Blocks until inotify has events, the stop signal fires, or the timeout (-1: none) passes.
    static func wait(
        inotify: FileDescriptor, stopSignal: FileDescriptor, timeoutMilliseconds: Int32
    ) throws(SystemError) -> (eventsReady: Bool, stopRequested: Bool) {
        var descriptors = [
            pollfd(fd: inotify.rawDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopSignal.rawDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let result = Glibc.poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
            if result >= 0 { break }
            let code = Glibc.errno
            if code != EINTR { throw SystemError(operation: "poll", path: "inotify", errno: code) }
        }
        let failure = Int16(POLLERR | POLLHUP | POLLNVAL)
        return (descriptors[0].revents & (Int16(POLLIN) | failure) != 0, descriptors[1].revents != 0)
    }
}
