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
/// directory (some network mounts), taking the lock fails and the caller decides what to do.
public enum DirectoryLock {
    /// Runs `body` while holding the exclusive lock of `directory`, waiting for other holders first.
    /// - Throws: ``SystemError`` when the directory cannot be opened or locked, and whatever `body` throws.
    public static func withExclusiveLock<T>(on directory: String, _ body: () throws -> T) throws -> T {
        let descriptor = FileDescriptor(
            owning: try Syscall.open(directory, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC), path: directory)
        _ = try Syscall.retrying("flock", path: directory) { flock(descriptor.rawDescriptor, LOCK_EX) }
        // Closing the descriptor releases the lock, also when `body` throws.
        defer { try? descriptor.close() }
        return try body()
    }
}
