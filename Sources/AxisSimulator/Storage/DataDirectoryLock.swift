#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on `<data>/axis.lock`, so two simulators never share (and wipe the spool of) one data
/// directory. The kernel releases it if the process dies.
final class DataDirectoryLock {
    private let descriptor: Int32

    init(directory: String) throws {
        let path = directory + "/axis.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemCallError("open", subject: path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw AxisSimulatorError.dataDirectoryInUse(directory) }
            throw SystemCallError("flock", subject: path, code: code)
        }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
