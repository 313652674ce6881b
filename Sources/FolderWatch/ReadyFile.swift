import SystemSupport

/// A file, or a document folder, that has been quiet for the settle time: a candidate document for the pipeline to
/// claim.
///
/// It is a hint, not a claim: the file may vanish or change before it is opened. The consumer opens it with
/// `SafeOpen`, compares size, mtime and inode with these, and records it before moving it. A document folder
/// (``Kind/documentFolder``) is re-listed by the consumer, which applies the file rules to each file in it.
public struct ReadyFile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// One file, one document.
        case file
        /// A folder holding ``DocumentFolderRule/metadataFileName``: one document whose attachments are its files.
        case documentFolder
    }

    /// The absolute path (of the folder, for a document folder; without a trailing `/`).
    public let path: String
    /// The path below the watched root, e.g. `["000.00.00.H26", "x.pdf"]` for `outbox/000.00.00.H26/x.pdf`, or
    /// `["000.00.00.H26", "CV125"]` for the document folder `outbox/000.00.00.H26/CV125/`.
    public let relativeComponents: [String]
    /// The file's size; for a document folder, the total size of its files including the metadata file.
    public let size: Int64
    /// The file's mtime; for a document folder, the newest mtime of its files.
    public let modificationTime: FileTimestamp
    public let device: UInt64
    /// The file's (or the folder's) inode.
    public let inode: UInt64
    public let kind: Kind

    public init(
        path: String, relativeComponents: [String], size: Int64, modificationTime: FileTimestamp, device: UInt64,
        inode: UInt64, kind: Kind = .file
    ) {
        self.path = path
        self.relativeComponents = relativeComponents
        self.size = size
        self.modificationTime = modificationTime
        self.device = device
        self.inode = inode
        self.kind = kind
    }
}
