/// Lexical rules for the paths in the configuration. Nothing here touches the filesystem: the configuration is
/// parsed before folders exist, and `check-config` inspects the real folders separately.
enum PathRules {
    static func isAbsolute(_ path: String) -> Bool {
        path.hasPrefix("/")
    }

    /// Collapses repeated slashes, `.` and `..` components and a trailing slash: `/srv//a/./b/../c/` → `/srv/a/c`.
    static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Whether `path` is `directory` itself or lies below it. Both must be normalized.
    static func isSameOrInside(_ path: String, _ directory: String) -> Bool {
        path == directory || directory == "/" || path.hasPrefix(directory + "/")
    }
}
