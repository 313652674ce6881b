/// Why a file dropped by a user (or planted by an attacker) in a shared folder was refused.
public enum UntrustedFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The path is a symbolic link; lienthong never follows links in shared folders.
    case symbolicLink(path: String)
    /// The path is not a regular file (a directory, FIFO, device or socket).
    case notRegular(path: String, kind: FileKind)
    /// The file has more than one name (hard link): it could be a link to a file outside the shared folder.
    case hardLinked(path: String, linkCount: UInt64)
    /// Opening or inspecting the file failed.
    case system(SystemError)

    public var description: String {
        switch self {
        case .symbolicLink(let path):
            "\(path) is a symbolic link; lienthong sends only ordinary files. Copy the document itself into the folder."
        case .notRegular(let path, let kind):
            "\(path) is \(kind), not an ordinary file; lienthong will not send it. Remove it from the folder."
        case .hardLinked(let path, let count):
            "\(path) has \(count) hard links (names); lienthong sends only files with one name, because a hard link "
                + "can point at a file outside the shared folder. Copy the document instead of linking it."
        case .system(let error):
            error.description
        }
    }
}
