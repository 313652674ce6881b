/// Which files in a watched tree are candidate documents and which directories are entered: temp patterns, hidden
/// names, include and exclude globs, and the depth limit.
struct DocumentFilter: Sendable {
    let includes: [GlobPattern]
    let excludes: [GlobPattern]
    let maxDepth: Int

    init(folder: WatchedFolder) {
        self.includes = folder.includePatterns.map(GlobPattern.init)
        self.excludes = folder.excludePatterns.map(GlobPattern.init)
        self.maxDepth = folder.maxDepth
    }

    /// True for a file at `components` (below the root, ending with its name) that may be a document.
    func acceptsFile(_ components: [String]) -> Bool {
        guard let name = components.last, components.count <= maxDepth + 1, !TempFilePatterns.isIgnored(name)
        else { return false }
        let relativePath = components.joined(separator: "/")
        if excludes.contains(where: { $0.matches(name: name, relativePath: relativePath) }) { return false }
        return includes.isEmpty || includes.contains { $0.matches(name: name, relativePath: relativePath) }
    }

    /// True for a directory at `components` that should be scanned and watched.
    func entersDirectory(_ components: [String]) -> Bool {
        guard let name = components.last else { return true }
        guard components.count <= maxDepth, !name.hasPrefix(".") else { return false }
        let relativePath = components.joined(separator: "/")
        return !excludes.contains { $0.matches(name: name, relativePath: relativePath) }
    }
}

extension DocumentFilter {
    /// True for a file named `name` directly in the document folder at `folder` that is one of its attachments:
    /// the temp patterns and the include and exclude globs apply as to any file; the depth limit does not.
    func acceptsMember(_ name: String, of folder: [String]) -> Bool {
        guard !TempFilePatterns.isIgnored(name) else { return false }
        let relativePath = (folder + [name]).joined(separator: "/")
        if excludes.contains(where: { $0.matches(name: name, relativePath: relativePath) }) { return false }
        return includes.isEmpty || includes.contains { $0.matches(name: name, relativePath: relativePath) }
    }
}
