/// One name in a directory, as ``Directories/list(_:)`` reports it.
public struct DirectoryEntry: Sendable, Hashable {
    public let name: String
    /// The kind of the entry itself; symbolic links are reported as ``FileKind/symlink``, never followed.
    public let kind: FileKind
    /// False when the name on disk is not valid UTF-8; ``name`` then holds a repaired copy (with U+FFFD) that does
    /// not open the file. Such files should be reported to a person so they can rename them.
    public let hasValidUTF8Name: Bool

    public init(name: String, kind: FileKind, hasValidUTF8Name: Bool = true) {
        self.name = name
        self.kind = kind
        self.hasValidUTF8Name = hasValidUTF8Name
    }
}
