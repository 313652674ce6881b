#if canImport(Glibc)
    import Glibc
#endif

/// Where the file that makes a watched folder look complete (a document folder's `document.meta.yaml`) goes when a
/// folder must be moved file by file.
public enum FolderMoveOrder: Sendable, Equatable {
    /// The named file leaves first: the folder being emptied (a watched outbox) stops looking complete before any
    /// other file leaves it.
    case first(String)
    /// The named file arrives last: the folder being filled (a watched outbox) looks complete only once every other
    /// file is in it.
    case last(String)
}

extension FileMover {
    /// Moves the folder `source` to exactly `target`, returning the names of entries that stayed in `source`.
    ///
    /// On one filesystem this is one `renameat2(RENAME_NOREPLACE)`: the folder appears whole, odd entries (links,
    /// sub-folders) included, and nothing stays behind. Across filesystems (`EXDEV`), `target` is created and the
    /// ordinary files of `source` move one by one with ``moveReplacingNothing(from:to:)``, in `order`; links and
    /// sub-folders stay in `source` and their names are returned. `source` is removed once empty.
    ///
    /// When `target` already exists (a move a crash interrupted), the remaining files are moved into it and those
    /// already there are skipped, so repeating the move is harmless.
    /// - Throws: ``SystemError``: `EEXIST` when `target` appears between the check and the rename.
    @discardableResult
    public static func moveFolder(from source: String, to target: String, order: FolderMoveOrder) throws
        -> [String]
    {
        if (try? FileStatus.lstat(target)) == nil {
            do {
                try moveReplacingNothing(from: source, to: target)
                return []
            } catch let error as SystemError where error.errno == EXDEV || error.errno == EISDIR {
                // EXDEV from the rename; EISDIR from the copy fallback, which copies only regular files.
            }
        }
        try Directories.create(target)
        var names = try Directories.list(source).filter { $0.kind == .regular }.map(\.name).sorted()
        switch order {
        case .first(let name):
            if let index = names.firstIndex(of: name) { names.insert(names.remove(at: index), at: 0) }
        case .last(let name):
            if let index = names.firstIndex(of: name) { names.append(names.remove(at: index)) }
        }
        for name in names {
            let from = PathParts.join(source, name)
            let to = PathParts.join(target, name)
            if (try? FileStatus.lstat(from)) == nil || (try? FileStatus.lstat(to)) != nil { continue }
            try moveReplacingNothing(from: from, to: to)
        }
        let left = try Directories.list(source).map(\.name).sorted()
        guard left.isEmpty else { return left }
        // Something that appeared in the meantime keeps `source`; it is reported like a link left behind.
        if rmdir(source) != 0 { return (try? Directories.list(source).map(\.name).sorted()) ?? [] }
        try Directories.sync(PathParts.split(source).0)
        return []
    }
}
