#if canImport(Glibc)
    import Glibc
#endif

extension FileDescriptor {
    /// Opens `path` read-only and returns the descriptor with its `fstat`, so the caller checks what was opened
    /// (``FileStatus/kind``, size, mode), not what the path names a moment later.
    ///
    /// The open never blocks: `O_NONBLOCK` keeps a FIFO planted at `path` from hanging the caller. A regular file is
    /// returned in blocking mode; anything else keeps `O_NONBLOCK`, and callers refuse it by its kind.
    /// - Parameter followingSymlinks: false (the default) refuses a final symbolic link with `ELOOP`; pass true only
    ///   for paths an administrator configured (keys, certificates, secrets), where a link is legitimate.
    public static func openForReading(
        _ path: String, followingSymlinks: Bool = false
    ) throws(SystemError) -> (FileDescriptor, FileStatus) {
        let flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | (followingSymlinks ? 0 : O_NOFOLLOW)
        let descriptor = FileDescriptor(owning: try Syscall.open(path, flags: flags), path: path)
        let status = try descriptor.status()
        if status.kind == .regular { try descriptor.setNonBlocking(false) }
        return (descriptor, status)
    }

    /// Creates the new file `path` for writing, with permissions exactly `mode` (the umask does not apply): never an
    /// existing file, never through a symbolic link (`O_CREAT|O_EXCL|O_NOFOLLOW`).
    ///
    /// For scratch files that are removed after use, nothing else: the file is not made durable and appears under
    /// its name while it is written. Files meant to stay are written with ``DurableFileWriter``.
    /// - Throws: ``SystemError`` with `EEXIST` when anything, a dangling symbolic link included, is at `path`.
    public static func createExclusive(_ path: String, mode: UInt32 = 0o600) throws(SystemError) -> FileDescriptor {
        let raw = try Syscall.open(path, flags: O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
        let descriptor = FileDescriptor(owning: raw, path: path)
        do {
            try Syscall.fchmod(raw, mode: mode, path: path)
        } catch {
            try? Syscall.unlinkat(AT_FDCWD, path, describedAs: path)
            throw error
        }
        return descriptor
    }

    /// Opens an existing file for writing, without creating or truncating it: for kernel interfaces such as
    /// `/proc/self/clear_refs`, never for data files.
    public static func openExistingForWriting(_ path: String) throws(SystemError) -> FileDescriptor {
        FileDescriptor(owning: try Syscall.open(path, flags: O_WRONLY | O_NOCTTY), path: path)
    }
}
