/// Splitting a path into its directory and final name, without touching the filesystem.
enum PathParts {
    /// `"/a/b/c.pdf"` → `("/a/b", "c.pdf")`; `"c.pdf"` → `(".", "c.pdf")`; `"/c"` → `("/", "c")`.
    /// Trailing slashes are ignored.
    static func split(_ path: String) -> (directory: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let directory = trimmed[..<slash]
        return (directory.isEmpty ? "/" : String(directory), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// `directory` + `/` + `name`, without doubling a slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// A name that is a single path component: not empty, not `.` or `..`, no `/` and no NUL.
    static func isSingleComponent(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.utf8.contains(0)
    }
}
