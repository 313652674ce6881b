import Foundation
import Glibc

/// A 64 KiB tmpfs mounted for one test, so that writing into it fails with `ENOSPC` like a full disk.
///
/// Mounting needs root (CAP_SYS_ADMIN, as in CI). Where it is not permitted (an unprivileged developer, a restricted
/// container), ``canMount`` is false and the tests that need it are skipped.
enum TinyFilesystem {
    static let size = 64 * 1024

    /// Whether a tmpfs can be mounted here: tried once, on a probe directory.
    static let canMount: Bool = {
        guard geteuid() == 0 else { return false }
        do {
            return try TemporaryDirectory.with { directory in
                guard mount("tmpfs", directory.path, "tmpfs", 0, "size=\(size)") == 0 else { return false }
                return umount2(directory.path, Int32(MNT_DETACH)) == 0
            }
        } catch {
            return false
        }
    }()

    /// Mounts a tiny tmpfs on the new directory `tiny` in `directory` for the duration of `body`.
    static func with<T>(in directory: TemporaryDirectory, _ body: (String) throws -> T) throws -> T {
        let mountPoint = directory.file("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        guard mount("tmpfs", mountPoint, "tmpfs", 0, "size=\(size)") == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
        defer { umount2(mountPoint, Int32(MNT_DETACH)) }
        return try body(mountPoint)
    }
}
