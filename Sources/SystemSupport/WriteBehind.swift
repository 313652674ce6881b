/// Writes a large file to the disk while the rest of it is still being produced.
///
/// The kernel otherwise keeps a file's new bytes in memory until its `fsync`: a 1.4 GB envelope is base64-encoded
/// and hashed into the page cache at memory speed, and then its `fsync` waits for all of it to reach the disk with
/// nothing else to do meanwhile. Here, each time the file grows by a whole ``window``, the writing of that window is
/// started (`sync_file_range`, without waiting), so that the disk works while the next window is produced and the
/// final `fsync` waits for little more than the last window.
///
/// With ``dropsWrittenPages`` (for a file nobody reads again soon), the window before is also waited for and let go
/// of the page cache (`POSIX_FADV_DONTNEED`): the file's pages in memory stay about two windows whatever its size,
/// instead of pushing everything else out of the cache, and new writes reuse the pages just freed.
///
/// Timing only: nothing is durable before the `fsync` that must follow, and a failed hint (a filesystem without
/// `sync_file_range`) changes nothing but the timing, so its error is dropped; a real write error is reported by that
/// `fsync`. A file smaller than a window never calls anything.
///
/// What it saves is measured in BENCHMARKS.md (session 10, the 1 GiB attachment).
public struct WriteBehind {
    /// How much of the file is handed to the disk at a time.
    public static let window: Int64 = 8 * 1024 * 1024

    /// Whether each window, once on disk, leaves the page cache.
    public let dropsWrittenPages: Bool

    /// The end of the part of the file whose writing was started.
    public private(set) var started: Int64 = 0

    public init(dropsWrittenPages: Bool = false) {
        self.dropsWrittenPages = dropsWrittenPages
    }

    /// Tells that the file behind `descriptor` now has `end` bytes, written sequentially: starts the writing of each
    /// whole window not yet started.
    public mutating func fileGrew(to end: Int64, descriptor: FileDescriptor) {
        let fd = descriptor.rawDescriptor
        while end - started >= Self.window {
            try? Syscall.startWriteback(fd, offset: started, length: Self.window, path: descriptor.path)
            if dropsWrittenPages, started >= Self.window {
                let previous = started - Self.window
                try? Syscall.waitWriteback(fd, offset: previous, length: Self.window, path: descriptor.path)
                try? Syscall.dropCached(fd, offset: previous, length: Self.window, path: descriptor.path)
            }
            started += Self.window
        }
    }
}
