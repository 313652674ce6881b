/// Which directory each inotify watch descriptor stands for. The kernel gives the same descriptor to the same
/// directory (inode) when it is watched again, so a directory moved within the tree simply gets its new path.
struct WatchTable: Sendable {
    let root: String
    private(set) var rootWatch: Int32?
    private var paths: [Int32: String] = [:]
    private var watches: [String: Int32] = [:]

    init(root: String) {
        self.root = root
    }

    var count: Int { paths.count }

    func path(of watch: Int32) -> String? { paths[watch] }

    mutating func insert(_ watch: Int32, path: String) {
        if let old = paths[watch], old != path { watches[old] = nil }
        paths[watch] = path
        watches[path] = watch
        if path == root { rootWatch = watch }
    }

    @discardableResult
    mutating func remove(_ watch: Int32) -> String? {
        guard let path = paths.removeValue(forKey: watch) else { return nil }
        if watches[path] == watch { watches[path] = nil }
        if rootWatch == watch { rootWatch = nil }
        return path
    }

    /// The watches of `path` and of every directory below it.
    func watches(under path: String) -> [Int32] {
        let prefix = path + "/"
        return watches.compactMap { key, watch in key == path || key.hasPrefix(prefix) ? watch : nil }
    }

    /// `root/a/b` → `["a", "b"]`; nil when `path` is not inside the root.
    func relativeComponents(of path: String) -> [String]? {
        if path == root { return [] }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return path.dropFirst(prefix.count).split(separator: "/").map(String.init)
    }
}
