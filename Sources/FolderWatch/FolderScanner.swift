import SystemSupport

/// One full listing of a watched tree: every candidate document with its status, and the odd entries a person
/// should hear about. Blocking file I/O; links are never followed.
struct FolderScanner {
    struct Found: Sendable {
        let path: String
        let components: [String]
        let status: FileStatus
    }

    struct Result: Sendable {
        var files: [Found] = []
        /// Entries that will never be sent, with the reason (symbolic links, FIFOs, names that are not UTF-8).
        var refused: [(path: String, reason: String)] = []
        /// Set when the root itself could not be listed.
        var rootError: SystemError?
    }

    let root: String
    let filter: DocumentFilter

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
                if filter.entersDirectory(childComponents) { walk(path, components: childComponents, into: &result) }
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
}
