import SystemSupport

/// A file that has been quiet for the settle time: a candidate document for the pipeline to claim.
///
/// It is a hint, not a claim: the file may vanish or change before it is opened. The consumer opens it with
/// `SafeOpen`, compares size, mtime and inode with these, and records it before moving it.
public struct ReadyFile: Sendable, Hashable {
    /// The absolute path.
    public let path: String
    /// The path below the watched root, e.g. `["000.00.00.H26", "x.pdf"]` for `outbox/000.00.00.H26/x.pdf`.
    public let relativeComponents: [String]
    public let size: Int64
    public let modificationTime: FileTimestamp
    public let device: UInt64
    public let inode: UInt64

    public init(
        path: String, relativeComponents: [String], size: Int64, modificationTime: FileTimestamp, device: UInt64,
        inode: UInt64
    ) {
        self.path = path
        self.relativeComponents = relativeComponents
        self.size = size
        self.modificationTime = modificationTime
        self.device = device
        self.inode = inode
    }
}
