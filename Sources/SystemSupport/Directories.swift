#if canImport(Glibc)
    import Glibc
#endif

/// Creating, syncing, listing and removing directories.
public enum Directories {
    /// `mkdir -p`: creates `path` and any missing parents with `mode`, and `fsync`s the parent of each directory it
    /// creates (once all are made). Tolerates another process creating the same directories at the same time. Fails with `ENOTDIR` when
    /// a component exists but is not a directory.
    public static func create(_ path: String, mode: UInt32 = 0o750) throws(SystemError) {
        var syncs = DirectorySyncs()
        try create(path, mode: mode, syncs: &syncs)
        try syncs.sync()
    }

    /// ``create(_:mode:)`` for a batch: the parent of each directory made is added to `syncs` instead of being
    /// synced, so the new directories are durable only after `syncs.sync()`.
    public static func create(_ path: String, mode: UInt32 = 0o750, syncs: inout DirectorySyncs) throws(SystemError) {
        guard !path.isEmpty else { throw SystemError(operation: "mkdir", path: path, errno: ENOENT) }
        // The common case, a folder made before (every document's `sent/<date>/`): one stat.
        if let status = try? FileStatus.stat(path), status.kind == .directory { return }
        try make(path, mode: mode, syncs: &syncs)
    }

    /// Makes `path`, and its missing parents first, from the deepest existing one down: a new folder in an existing
    /// one (every document's spool folder) costs one `mkdir`, not one for every component from the root.
    private static func make(_ path: String, mode: UInt32, syncs: inout DirectorySyncs) throws(SystemError) {
        let parent = PathParts.split(path).directory
        do {
            try Syscall.mkdir(path, mode: mode)
        } catch {
            if error.isAlreadyExists {
                guard try FileStatus.stat(path).kind == .directory else {
                    throw SystemError(operation: "mkdir", path: path, errno: ENOTDIR)
                }
                return
            }
            guard error.isNotFound, parent != path else { throw error }
            try make(parent, mode: mode, syncs: &syncs)
            try make(path, mode: mode, syncs: &syncs)
            return
        }
        syncs.add(parent)
    }

    /// Opens `path` as a directory and `fsync`s it, making the names created or removed in it durable.
    public static func sync(_ path: String) throws(SystemError) {
        let directory = FileDescriptor(owning: try Syscall.open(path, flags: O_RDONLY | O_DIRECTORY), path: path)
        try directory.sync()
    }

    /// The entries of `path` (without `.` and `..`), sorted by name. Entry kinds come from the directory itself, or
    /// from `lstat` when the filesystem does not report them; links are never followed.
    public static func list(_ path: String) throws(SystemError) -> [DirectoryEntry] {
        let directory = FileDescriptor(owning: try Syscall.open(path, flags: O_RDONLY | O_DIRECTORY), path: path)
        let entries = try Syscall.readDirectory(
            consuming: try Syscall.openat(
                directory.rawDescriptor, ".", flags: O_RDONLY | O_DIRECTORY, describedAs: path),
            path: path)
        var result: [DirectoryEntry] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            var kind = fileKind(ofDirectoryEntryType: entry.type)
            if kind == .unknown {
                let entryPath = PathParts.join(path, entry.name)
                guard let status = try? Syscall.lstatat(directory.rawDescriptor, entry.name, describedAs: entryPath)
                else { continue }  // Removed since readdir.
                kind = FileKind(mode: UInt32(status.st_mode))
            }
            result.append(DirectoryEntry(name: entry.name, kind: kind, hasValidUTF8Name: entry.hasValidUTF8Name))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Removes `path` and everything below it, like `rm -rf`, without ever following a symbolic link: a link inside
    /// the tree is removed, not its target. A missing `path` is not an error, so repeating a removal is harmless.
    public static func removeTree(_ path: String) throws(SystemError) {
        guard let status = try statusIfPresent(path) else { return }
        let (parentPath, name) = PathParts.split(path)
        let parent = FileDescriptor(
            owning: try Syscall.open(parentPath, flags: O_RDONLY | O_DIRECTORY), path: parentPath)
        try remove(name, kind: status.kind, in: parent.rawDescriptor, path: path)
    }

    private static func statusIfPresent(_ path: String) throws(SystemError) -> FileStatus? {
        do {
            return try FileStatus.lstat(path)
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    private static func remove(_ name: String, kind: FileKind, in parent: Int32, path: String) throws(SystemError) {
        guard kind == .directory else {
            try ignoringAbsence { () throws(SystemError) in try Syscall.unlinkat(parent, name, describedAs: path) }
            return
        }
        let raw = try Syscall.openat(parent, name, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW, describedAs: path)
        let directory = FileDescriptor(owning: raw, path: path)
        let listing = try Syscall.readDirectory(
            consuming: try Syscall.openat(raw, ".", flags: O_RDONLY | O_DIRECTORY, describedAs: path), path: path)
        for entry in listing {
            let entryPath = PathParts.join(path, entry.name)
            var entryKind = fileKind(ofDirectoryEntryType: entry.type)
            if entryKind == .unknown {
                guard let status = try? Syscall.lstatat(directory.rawDescriptor, entry.name, describedAs: entryPath)
                else { continue }
                entryKind = FileKind(mode: UInt32(status.st_mode))
            }
            try remove(entry.name, kind: entryKind, in: directory.rawDescriptor, path: entryPath)
        }
        try ignoringAbsence { () throws(SystemError) in
            try Syscall.unlinkat(parent, name, removeDirectory: true, describedAs: path)
        }
    }

    private static func ignoringAbsence(_ body: () throws(SystemError) -> Void) throws(SystemError) {
        do {
            try body()
        } catch {
            if !error.isNotFound { throw error }
        }
    }

    private static func fileKind(ofDirectoryEntryType type: UInt8) -> FileKind {
        switch Int(type) {
        case Int(DT_REG): .regular
        case Int(DT_DIR): .directory
        case Int(DT_LNK): .symlink
        case Int(DT_FIFO): .fifo
        case Int(DT_SOCK): .socket
        case Int(DT_CHR): .characterDevice
        case Int(DT_BLK): .blockDevice
        default: .unknown
        }
    }
}
