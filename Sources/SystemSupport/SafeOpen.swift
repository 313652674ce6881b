#if canImport(Glibc)
    import Glibc
#endif

/// Opening files that other people control (reliability.md, "Hostile input").
///
/// Drop folders are writable by office users over Samba, so a symbolic link, hard link, FIFO or device can be
/// planted where a document is expected. Check the descriptor, not the path: read, hash and sign from the
/// descriptor this returns, never by reopening the path.
public enum SafeOpen {
    /// Opens `path` read-only without following a final symbolic link and without blocking on a FIFO, then checks
    /// the open descriptor: it must be a regular file with exactly one link. Returns the descriptor (in blocking
    /// mode again) and the status it was checked against.
    public static func openUntrustedRegularFile(
        at path: String
    ) throws(UntrustedFileError) -> (FileDescriptor, FileStatus) {
        let descriptor: FileDescriptor
        let status: FileStatus
        do {
            (descriptor, status) = try FileDescriptor.openForReading(path)
        } catch {
            // With O_NOFOLLOW, a final symbolic link fails with ELOOP.
            if error.errno == ELOOP { throw .symbolicLink(path: path) }
            throw .system(error)
        }
        guard status.kind == .regular else { throw .notRegular(path: path, kind: status.kind) }
        guard status.linkCount == 1 else { throw .hardLinked(path: path, linkCount: status.linkCount) }
        return (descriptor, status)
    }
}
