/// One folder to watch and the rules for what in it is a document ready to send.
public struct WatchedFolder: Sendable, Equatable {
    /// The folder's path (the agency's `outbox/`).
    public var root: String
    public var mode: WatchMode
    /// How long a file must stay unchanged (size, mtime, inode) before it is ready.
    public var settleTime: Duration
    /// How often the whole tree is listed when polling.
    public var pollInterval: Duration
    /// How often the whole tree is listed in every mode, to catch what events missed; jittered by ±10 %.
    public var reconciliationInterval: Duration
    /// Glob patterns (`*`, `?`, `[a-z]`, `[!x]`, case-insensitive) a file must match to be a document; empty means
    /// every file. A pattern containing `/` is matched against the path relative to ``root``, otherwise against
    /// the file name.
    public var includePatterns: [String]
    /// Glob patterns for files (and, by name or relative path, whole directories) that are never documents.
    public var excludePatterns: [String]
    /// How many directory levels below ``root`` are watched: 0 means only files directly in ``root``; 1 adds
    /// `root/<recipient code>/x.pdf`; 2 adds document folders inside recipient folders (see
    /// ``DocumentFolderRule``).
    public var maxDepth: Int
    /// Which folders are document folders and which are recipient folders.
    public var documentFolders: DocumentFolderRule

    public init(
        root: String, mode: WatchMode = .auto, settleTime: Duration = .seconds(5),
        pollInterval: Duration = .seconds(10),
        reconciliationInterval: Duration = .seconds(600), includePatterns: [String] = [],
        excludePatterns: [String] = [], maxDepth: Int = 3,
        documentFolders: DocumentFolderRule = .everyFolderNamesRecipients
    ) {
        self.root = root
        self.mode = mode
        self.settleTime = settleTime
        self.pollInterval = pollInterval
        self.reconciliationInterval = reconciliationInterval
        self.includePatterns = includePatterns
        self.excludePatterns = excludePatterns
        self.maxDepth = maxDepth
        self.documentFolders = documentFolders
    }
}

extension WatchedFolder {
    /// True when the file `name` directly in the document folder at `folder` (its components below ``root``) is one
    /// of its attachments by the watcher's own rule: not a temp, hidden or sidecar name, matching the include
    /// patterns (if any) and none of the exclude patterns. The claim applies the same rule, so a file the watcher
    /// left out (an excluded `*.bak`, say) is never sent.
    public func acceptsAttachment(_ name: String, inDocumentFolder folder: [String]) -> Bool {
        name != DocumentFolderRule.metadataFileName && DocumentFilter(folder: self).acceptsMember(name, of: folder)
    }
}
