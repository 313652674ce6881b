#if canImport(Glibc)
    import Glibc
#endif

/// A failed system call, with the operation and path it concerned and the `errno` it returned.
///
/// The ``description`` is written for the admin who reads the journal: what failed, on which path, the system's
/// own wording (`strerror`), and for the failures an admin can fix (disk full, permissions, read-only or failing
/// disks) what to do about it.
public struct SystemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The system call or higher-level step that failed, e.g. `"open"`, `"rename"`, `"fsync"`.
    public let operation: String
    /// The path concerned, when there is one.
    public let path: String?
    /// The `errno` value the system call set.
    public let errno: Int32

    public init(operation: String, path: String?, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The failure the calling thread's `errno` describes, for a C library that reported an error without it.
    public static func lastError(operation: String, path: String?) -> SystemError {
        SystemError(operation: operation, path: path, errno: Glibc.errno)
    }

    /// True when the failure means "the destination already exists" (`EEXIST`).
    public var isAlreadyExists: Bool { errno == EEXIST }
    /// True when the failure means "no such file or directory" (`ENOENT`).
    public var isNotFound: Bool { errno == ENOENT }
    /// True when the disk (`ENOSPC`) or the user's quota (`EDQUOT`) is full: not the document's fault, and retrying
    /// can succeed once an admin frees space.
    public var isNoSpace: Bool { errno == ENOSPC || errno == EDQUOT }

    /// The system's text for ``errno`` (`strerror`), e.g. "No space left on device".
    public var systemMessage: String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }

    public var description: String {
        let subject = path.map { " \($0)" } ?? ""
        var message = "\(operation)\(subject) failed: \(systemMessage) (errno \(errno))"
        if let hint { message += ". \(hint)" }
        return message
    }

    private var hint: String? {
        let place = path ?? "the file"
        switch errno {
        case ENOSPC, EDQUOT:
            return "The disk holding \(place) is full (or the quota is used up); free some space, lienthong retries"
        case EACCES, EPERM:
            return "lienthong's user cannot write \(place); check owner and mode (ls -ld) of it and its directory"
        case EROFS:
            return "\(place) is on a read-only filesystem; remount it read-write or point lienthong elsewhere"
        case EIO:
            return "The disk or network share holding \(place) reported an I/O error; check `dmesg` and the share"
        case EXDEV:
            return "source and destination are on different filesystems"
        case ENAMETOOLONG:
            return "the name is too long for this filesystem"
        case ELOOP:
            return "\(place) is a symbolic link, which lienthong refuses to follow here"
        default:
            return nil
        }
    }
}
