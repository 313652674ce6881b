import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory exclusive lock (`flock(2)`) on a directory, for read-modify-write of files inside it.
///
/// The lock is on the directory, not on the file being rewritten, because lienthong rewrites files by writing a
/// temporary file and renaming it over the old name (``DurableFile``): a lock on the old file's inode would be lost
/// with the rename, and a second writer opening the new name would lock a different inode. The directory keeps its
/// inode across those renames, needs no extra file in folders that clerks see, and cannot be deleted while files are
/// in it. `flock` locks belong to the open file description, so two threads of one process exclude each other just
/// as two processes (the daemon and `lienthong` run by an admin) do, as long as each takes the lock through this
/// type (each call opens the directory anew).
///
/// Advisory: only writers that take the lock are serialised. On filesystems that do not support `flock` on a
/// directory (some CIFS and NFS mounts answer ENOLCK or EOPNOTSUPP), the lock falls back to one held inside this
/// process: the daemon's pipelines, the writers that meet most often, still exclude each other.
public enum DirectoryLock {
    /// Runs `body` while holding the exclusive lock of `directory`, waiting for other holders first.
    /// - Throws: ``SystemError`` when the directory cannot be opened or locked, and whatever `body` throws.
    public static func withExclusiveLock<T>(on directory: String, _ body: () throws -> T) throws -> T {
        let descriptor = FileDescriptor(
            owning: try Syscall.open(directory, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC), path: directory)
        // Closing the descriptor releases the lock, also when `body` throws.
        defer { try? descriptor.close() }
        let failure = lock(descriptor.rawDescriptor)
        if failure == 0 { return try body() }
        guard unsupportedErrors.contains(failure) else {
            throw SystemError(operation: "flock", path: directory, errno: failure)
        }
        return try ProcessLocks.shared.withLock(on: directory, body)
    }

    /// `flock(LOCK_EX)`, retried after signals: 0, or the `errno` it failed with.
    private static func lock(_ descriptor: Int32) -> Int32 {
        while flock(descriptor, LOCK_EX) == -1 {
            let code = errno
            if code != EINTR { return code }
        }
        return 0
    }

    /// What `flock` answers on filesystems without locks, rather than a real failure.
    static let unsupportedErrors: Set<Int32> = [ENOLCK, EOPNOTSUPP, EINVAL, ENOSYS]
}

/// One mutex per directory path, for filesystems where `flock` is not available. Entries are kept: receipts live in
/// one `sent/<date>/` folder a day, so the table grows by a few entries a day at most.
final class ProcessLocks: @unchecked Sendable {
    static let shared = ProcessLocks()

    /// Guards `locks`.
    private let table = NSLock()
    private var locks: [String: NSLock] = [:]

    func withLock<T>(on path: String, _ body: () throws -> T) rethrows -> T {
        table.lock()
        let lock = locks[path] ?? NSLock()
        locks[path] = lock
        table.unlock()
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
