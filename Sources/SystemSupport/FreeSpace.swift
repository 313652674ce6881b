/// How much room is left where lienthong writes, for `lienthong status`: it must say "disk full" even when the
/// daemon cannot write its own live status any more, because the disk it would write to is the full one.
public struct FreeSpace: Sendable, Equatable {
    /// Below this, SQLite cannot grow its journal and a document cannot be claimed: the disk counts as full.
    public static let fullBelow: UInt64 = 1 << 20

    public let path: String
    public let availableBytes: UInt64

    public var isFull: Bool { availableBytes < Self.fullBelow }

    /// The free space of the filesystem holding `path`.
    public static func of(_ path: String) throws(SystemError) -> FreeSpace {
        FreeSpace(path: path, availableBytes: try Syscall.availableBytes(path))
    }
}
