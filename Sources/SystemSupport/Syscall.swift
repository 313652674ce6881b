import CLinux

#if canImport(Glibc)
    import Glibc
#endif

/// `struct stat`, named so that it does not clash with the `stat` functions below.
typealias RawStat = stat

/// One `readdir` result before its kind is resolved.
struct RawDirectoryEntry {
    let name: String
    let type: UInt8
    let hasValidUTF8Name: Bool
}

/// Every raw system call of lienthong's file handling goes through here: `EINTR` is retried and `errno` becomes a
/// thrown ``SystemError`` naming the operation and the path. Nothing else in the module calls libc for files.
enum Syscall {
    /// Runs `call` until it does not fail with `EINTR`; a result of -1 becomes a ``SystemError``.
    @inline(__always)
    static func retrying<Result: BinaryInteger>(
        _ operation: String, path: String?, _ call: () -> Result
    ) throws(SystemError) -> Result {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(operation: operation, path: path, errno: code)
        }
    }

    // MARK: Descriptors

    static func open(_ path: String, flags: Int32, mode: UInt32 = 0) throws(SystemError) -> Int32 {
        try openat(AT_FDCWD, path, flags: flags, mode: mode, describedAs: path)
    }

    static func openat(
        _ directory: Int32, _ name: String, flags: Int32, mode: UInt32 = 0, describedAs path: String
    ) throws(SystemError) -> Int32 {
        try retrying("open", path: path) { CLinux_openat(directory, name, flags | O_CLOEXEC, mode_t(mode)) }
    }

    /// Closes `fd`. `EINTR` is not retried: on Linux the descriptor is released even then, and retrying could close
    /// a descriptor another thread has just been given.
    static func close(_ fd: Int32, path: String?) throws(SystemError) {
        if Glibc.close(fd) == -1 {
            let code = Glibc.errno
            if code == EINTR { return }
            throw SystemError(operation: "close", path: path, errno: code)
        }
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String?) throws(SystemError) -> Int
    {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("read", path: path) { Glibc.read(fd, base, buffer.count) }
    }

    static func write(_ fd: Int32, from buffer: UnsafeRawBufferPointer, path: String?) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("write", path: path) { Glibc.write(fd, base, buffer.count) }
    }

    static func pread(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String?
    ) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("read", path: path) { Glibc.pread(fd, base, buffer.count, off_t(offset)) }
    }

    static func pwrite(
        _ fd: Int32, from buffer: UnsafeRawBufferPointer, at offset: Int64, path: String?
    ) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("write", path: path) { Glibc.pwrite(fd, base, buffer.count, off_t(offset)) }
    }

    static func fsync(_ fd: Int32, path: String?) throws(SystemError) {
        _ = try retrying("fsync", path: path) { Glibc.fsync(fd) }
    }

    /// Starts writing `length` bytes at `offset` to the disk without waiting (`sync_file_range`, write only).
    static func startWriteback(_ fd: Int32, offset: Int64, length: Int64, path: String?) throws(SystemError) {
        _ = try retrying("sync_file_range", path: path) { CLinux_start_writeback(fd, offset, length) }
    }

    /// Waits until `length` bytes at `offset` are written to the disk (`sync_file_range`, wait, write, wait).
    static func waitWriteback(_ fd: Int32, offset: Int64, length: Int64, path: String?) throws(SystemError) {
        _ = try retrying("sync_file_range", path: path) { CLinux_wait_writeback(fd, offset, length) }
    }

    /// Lets the page cache drop `length` bytes at `offset` of the file (`posix_fadvise(POSIX_FADV_DONTNEED)`).
    static func dropCached(_ fd: Int32, offset: Int64, length: Int64, path: String?) throws(SystemError) {
        let code = CLinux_drop_cached(fd, offset, length)
        if code != 0 { throw SystemError(operation: "posix_fadvise", path: path, errno: code) }
    }

    static func ftruncate(_ fd: Int32, to length: Int64, path: String?) throws(SystemError) {
        _ = try retrying("ftruncate", path: path) { Glibc.ftruncate(fd, off_t(length)) }
    }

    static func fstat(_ fd: Int32, path: String?) throws(SystemError) -> RawStat {
        var result = RawStat()
        _ = try retrying("fstat", path: path) { Glibc.fstat(fd, &result) }
        return result
    }

    static func lseek(_ fd: Int32, to offset: Int64, path: String?) throws(SystemError) {
        _ = try retrying("seek", path: path) { Glibc.lseek(fd, off_t(offset), SEEK_SET) }
    }

    static func currentOffset(_ fd: Int32, path: String?) throws(SystemError) -> Int64 {
        Int64(try retrying("seek", path: path) { Glibc.lseek(fd, 0, SEEK_CUR) })
    }

    static func getFlags(_ fd: Int32, path: String?) throws(SystemError) -> Int32 {
        try retrying("fcntl(F_GETFL)", path: path) { CLinux_fcntl_getfl(fd) }
    }

    static func setFlags(_ fd: Int32, _ flags: Int32, path: String?) throws(SystemError) {
        _ = try retrying("fcntl(F_SETFL)", path: path) { CLinux_fcntl_setfl(fd, flags) }
    }

    static func fchmod(_ fd: Int32, mode: UInt32, path: String?) throws(SystemError) {
        _ = try retrying("chmod", path: path) { Glibc.fchmod(fd, mode_t(mode)) }
    }

    /// Sets the access and modification times of `fd` to `time`.
    static func setModificationTime(_ fd: Int32, _ time: FileTimestamp, path: String?) throws(SystemError) {
        let spec = timespec(tv_sec: Int(time.seconds), tv_nsec: Int(time.nanoseconds))
        var times = (spec, spec)
        _ = try retrying("futimens", path: path) {
            withUnsafePointer(to: &times) { pointer in
                pointer.withMemoryRebound(to: timespec.self, capacity: 2) { Glibc.futimens(fd, $0) }
            }
        }
    }

    // MARK: Paths

    static func lstat(_ path: String) throws(SystemError) -> RawStat {
        var result = RawStat()
        _ = try retrying("lstat", path: path) { Glibc.lstat(path, &result) }
        return result
    }

    static func stat(_ path: String) throws(SystemError) -> RawStat {
        var result = RawStat()
        _ = try retrying("stat", path: path) { CLinux_stat(path, &result) }
        return result
    }

    /// `fstatat(directory, name, AT_SYMLINK_NOFOLLOW)`: never follows a final symbolic link.
    static func lstatat(_ directory: Int32, _ name: String, describedAs path: String) throws(SystemError) -> RawStat {
        var result = RawStat()
        _ = try retrying("lstat", path: path) { Glibc.fstatat(directory, name, &result, AT_SYMLINK_NOFOLLOW) }
        return result
    }

    static func renameat2(
        _ sourceDirectory: Int32, _ source: String, _ destinationDirectory: Int32, _ destination: String,
        noReplace: Bool, describedAs path: String
    ) throws(SystemError) {
        let flags = noReplace ? CLinux_RENAME_NOREPLACE : 0
        _ = try retrying("rename", path: path) {
            CLinux_renameat2(sourceDirectory, source, destinationDirectory, destination, flags)
        }
    }

    static func linkat(
        _ sourceDirectory: Int32, _ source: String, _ destinationDirectory: Int32, _ destination: String,
        describedAs path: String
    ) throws(SystemError) {
        _ = try retrying("link", path: path) {
            Glibc.linkat(sourceDirectory, source, destinationDirectory, destination, 0)
        }
    }

    static func unlinkat(_ directory: Int32, _ name: String, removeDirectory: Bool = false, describedAs path: String)
        throws(SystemError)
    {
        _ = try retrying(removeDirectory ? "rmdir" : "unlink", path: path) {
            Glibc.unlinkat(directory, name, removeDirectory ? AT_REMOVEDIR : 0)
        }
    }

    static func mkdir(_ path: String, mode: UInt32) throws(SystemError) {
        _ = try retrying("mkdir", path: path) { Glibc.mkdir(path, mode_t(mode)) }
    }

    static func filesystemMagic(_ path: String) throws(SystemError) -> UInt64 {
        var magic: UInt64 = 0
        _ = try retrying("statfs", path: path) { CLinux_statfs_type(path, &magic) }
        return magic
    }

    /// Bytes an unprivileged process may still write on the filesystem holding `path` (`statvfs`: `f_bavail`
    /// blocks of `f_frsize` bytes).
    static func availableBytes(_ path: String) throws(SystemError) -> UInt64 {
        var bytes: UInt64 = 0
        _ = try retrying("statvfs", path: path) { CLinux_statvfs_available(path, &bytes) }
        return bytes
    }

    // MARK: Directory listing

    /// The names in the open directory `fd` (which this call consumes and closes), without `.` and `..`.
    static func readDirectory(consuming fd: Int32, path: String) throws(SystemError) -> [RawDirectoryEntry] {
        guard let stream = Glibc.fdopendir(fd) else {
            let code = Glibc.errno
            _ = Glibc.close(fd)
            throw SystemError(operation: "opendir", path: path, errno: code)
        }
        defer { Glibc.closedir(stream) }
        var entries: [RawDirectoryEntry] = []
        while true {
            Glibc.errno = 0
            guard let entry = Glibc.readdir(stream) else {
                let code = Glibc.errno
                if code != 0 { throw SystemError(operation: "readdir", path: path, errno: code) }
                return entries
            }
            let (name, valid) = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    pointer -> (String, Bool) in
                    if let valid = String(validatingCString: pointer) { return (valid, true) }
                    return (String(cString: pointer), false)
                }
            }
            if name == "." || name == ".." { continue }
            entries.append(RawDirectoryEntry(name: name, type: entry.pointee.d_type, hasValidUTF8Name: valid))
        }
    }
}
