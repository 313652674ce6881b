#if canImport(Glibc)
    import Glibc
#endif

/// What kind of object a path or descriptor refers to.
public enum FileKind: String, Sendable, Equatable, CustomStringConvertible {
    case regular
    case directory
    case symlink
    case fifo
    case socket
    case characterDevice
    case blockDevice
    case unknown

    init(mode: UInt32) {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): self = .regular
        case UInt32(S_IFDIR): self = .directory
        case UInt32(S_IFLNK): self = .symlink
        case UInt32(S_IFIFO): self = .fifo
        case UInt32(S_IFSOCK): self = .socket
        case UInt32(S_IFCHR): self = .characterDevice
        case UInt32(S_IFBLK): self = .blockDevice
        default: self = .unknown
        }
    }

    /// Words for a log line: "a named pipe (FIFO)", "a directory".
    public var description: String {
        switch self {
        case .regular: "a regular file"
        case .directory: "a directory"
        case .symlink: "a symbolic link"
        case .fifo: "a named pipe (FIFO)"
        case .socket: "a socket"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .unknown: "an object of unknown type"
        }
    }
}

/// A point in time as the filesystem stores it (`struct timespec`): seconds and nanoseconds since 1970 UTC.
public struct FileTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let seconds: Int64
    public let nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: FileTimestamp, rhs: FileTimestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    public var description: String {
        let fraction = String(nanoseconds)
        return "\(seconds).\(String(repeating: "0", count: max(0, 9 - fraction.count)))\(fraction)"
    }
}

/// The result of `stat`/`lstat`/`fstat`, reduced to what lienthong uses.
public struct FileStatus: Sendable, Equatable {
    public let size: Int64
    public let modificationTime: FileTimestamp
    public let device: UInt64
    public let inode: UInt64
    public let linkCount: UInt64
    public let kind: FileKind
    /// The full `st_mode` (type and permission bits).
    public let mode: UInt32
    /// The owner's user id.
    public let owner: UInt32

    public init(
        size: Int64, modificationTime: FileTimestamp, device: UInt64, inode: UInt64, linkCount: UInt64,
        kind: FileKind, mode: UInt32, owner: UInt32
    ) {
        self.size = size
        self.modificationTime = modificationTime
        self.device = device
        self.inode = inode
        self.linkCount = linkCount
        self.kind = kind
        self.mode = mode
        self.owner = owner
    }

    init(_ raw: RawStat) {
        self.init(
            size: Int64(raw.st_size),
            modificationTime: FileTimestamp(
                seconds: Int64(raw.st_mtim.tv_sec), nanoseconds: Int32(truncatingIfNeeded: raw.st_mtim.tv_nsec)),
            device: UInt64(raw.st_dev),
            inode: UInt64(raw.st_ino),
            linkCount: UInt64(raw.st_nlink),
            kind: FileKind(mode: UInt32(raw.st_mode)),
            mode: UInt32(raw.st_mode),
            owner: UInt32(raw.st_uid)
        )
    }

    /// The permission bits only (`mode & 0o7777`).
    public var permissions: UInt32 { mode & 0o7777 }

    /// Status of `path` itself; a symbolic link is reported as ``FileKind/symlink``, never followed.
    public static func lstat(_ path: String) throws(SystemError) -> FileStatus {
        try FileStatus(Syscall.lstat(path))
    }

    /// Status of what `path` points to, following symbolic links. Use only on trusted paths (configuration).
    public static func stat(_ path: String) throws(SystemError) -> FileStatus {
        try FileStatus(Syscall.stat(path))
    }
}
