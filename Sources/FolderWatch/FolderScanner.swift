import SystemSupport

/// One full listing of a watched tree: every candidate single-file document with its status, every document folder
/// that holds its metadata file, those still waiting for one, and the odd entries a person should hear about
/// (``DocumentFolderRule``). Blocking file I/O; links are never followed.
struct FolderScanner {
    struct Found: Sendable {
        let path: String
        let components: [String]
        let status: FileStatus
    }

    struct Result: Sendable {
        var files: [Found] = []
        /// Document folders holding their metadata file (those still waiting for one are in `waiting`).
        var folders: [DocumentFolderSnapshot] = []
        /// Document folders (by their place) that hold files to send but no metadata file yet: they wait.
        var waiting: [DocumentFolderSnapshot] = []
        /// Entries that will never be sent, with the reason (symbolic links, FIFOs, names that are not UTF-8).
        var refused: [(path: String, reason: String)] = []
        /// Set when the root itself could not be listed.
        var rootError: SystemError?
    }

    let root: String
    let filter: DocumentFilter
    let rule: DocumentFolderRule

    func scan() -> Result {
        var result = Result()
        walk(root, components: [], into: &result)
        return result
    }

    private func walk(_ directory: String, components: [String], into result: inout Result) {
        let entries: [DirectoryEntry]
        do {
            entries = try Directories.list(directory)
        } catch {
            if components.isEmpty { result.rootError = error }
            return
        }
        for entry in entries {
            let path = directory + "/" + entry.name
            let childComponents = components + [entry.name]
            guard entry.hasValidUTF8Name else {
                result.refused.append((path, "its name is not valid UTF-8; rename it"))
                continue
            }
            switch entry.kind {
            case .directory:
                guard filter.entersDirectory(childComponents) else { continue }
                if components.isEmpty,
                    rule.isRecipientFolder(entry.name, hasMetadata: { _ in Self.holdsMetadata(path) })
                {
                    walk(path, components: childComponents, into: &result)
                } else if childComponents.count <= 2 {
                    if let ready = DocumentFolderSnapshot.take(path: path, components: childComponents, filter: filter)
                    {
                        result.folders.append(ready)
                    } else if let waiting = DocumentFolderSnapshot.takeWaiting(
                        path: path, components: childComponents, filter: filter)
                    {
                        result.waiting.append(waiting)
                    }
                }
            case .regular:
                guard filter.acceptsFile(childComponents), let status = try? FileStatus.lstat(path),
                    status.kind == .regular
                else { continue }
                result.files.append(Found(path: path, components: childComponents, status: status))
            default:
                if filter.acceptsFile(childComponents) {
                    result.refused.append((path, "it is \(entry.kind), not an ordinary file; it will not be sent"))
                }
            }
        }
    }

    /// True when the folder at `path` holds the metadata file that makes it a document folder.
    static func holdsMetadata(_ path: String) -> Bool {
        (try? FileStatus.lstat(path + "/" + DocumentFolderRule.metadataFileName)) != nil
    }
}
