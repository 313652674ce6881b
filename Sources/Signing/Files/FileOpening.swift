import Foundation

/// Opening a file and describing it, shared by ``SmallFile`` and ``ContentStream``.
enum FileOpening {
    struct Descriptor {
        let fd: Int32
        let mode: UInt32
        let size: Int64
        let modificationNanoseconds: Int64
    }

    private static let typeMask: UInt32 = 0o170000
    private static let regularType: UInt32 = 0o100000

    /// Opens `path` read-only and requires a regular file. The caller closes `fd`.
    static func open(path: String, role: SigningError.FileRole) throws(SigningError) -> Descriptor {
        // O_NONBLOCK: opening a FIFO someone put in place of a key must not hang the daemon.
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw .fileMissing(path: path, role: role) }
            throw .fileUnreadable(path: path, role: role, reason: String(cString: strerror(code)))
        }
        do throws(SigningError) {
            let status = try describe(fd: fd, path: path, role: role)
            guard status.mode & typeMask == regularType else { throw .notRegularFile(path: path, role: role) }
            // Regular files ignore O_NONBLOCK for reads, but clear it so that nothing downstream is surprised.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return status
        } catch {
            close(fd)
            throw error
        }
    }

    static func describe(fd: Int32, path: String, role: SigningError.FileRole) throws(SigningError) -> Descriptor {
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw .fileUnreadable(path: path, role: role, reason: String(cString: strerror(errno)))
        }
        return Descriptor(
            fd: fd,
            mode: UInt32(status.st_mode),
            size: Int64(status.st_size),
            modificationNanoseconds: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        )
    }
}
