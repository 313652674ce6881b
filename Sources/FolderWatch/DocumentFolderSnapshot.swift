import SystemSupport

/// One look at a document folder that holds its metadata file: what the settle rule tracks for it.
///
/// The folder counts as one tracked entry whose "size" is the total size of its files (metadata file included),
/// whose "mtime" is the newest mtime among them, and whose "inode" is a fingerprint of every file's name, size,
/// mtime and inode: any file added, removed, grown or touched restarts the folder's quiet period.
struct DocumentFolderSnapshot: Sendable, Equatable {
    let path: String
    let components: [String]
    let totalSize: Int64
    let newestModification: FileTimestamp
    let fingerprint: UInt64
    let device: UInt64
    let inode: UInt64

    /// Looks at the folder at `path`; nil when it holds no metadata file (it waits) or cannot be listed.
    /// Files the filter refuses (temp patterns, hidden names) are left out; so are folders inside it.
    static func take(path: String, components: [String], filter: DocumentFilter) -> DocumentFolderSnapshot? {
        guard let look = look(at: path, components: components, filter: filter), look.hasMetadata else { return nil }
        return look.snapshot
    }

    /// Looks at a folder that is a document folder by its place but holds no metadata file yet
    /// (``DocumentFolderRule``): nil when it has the metadata file, holds no file that could be sent, or cannot be
    /// listed. The fingerprint tells whether anything in it changed since the last look.
    static func takeWaiting(path: String, components: [String], filter: DocumentFilter) -> DocumentFolderSnapshot? {
        guard let look = look(at: path, components: components, filter: filter), !look.hasMetadata,
            look.memberCount > 0
        else { return nil }
        return look.snapshot
    }

    private static func look(at path: String, components: [String], filter: DocumentFilter)
        -> (snapshot: DocumentFolderSnapshot, hasMetadata: Bool, memberCount: Int)?
    {
        guard let folderStatus = try? FileStatus.lstat(path), folderStatus.kind == .directory,
            let entries = try? Directories.list(path)
        else { return nil }
        var total: Int64 = 0
        var newest = FileTimestamp(seconds: 0, nanoseconds: 0)
        var hash = FNV1a()
        var hasMetadata = false
        var members = 0
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            let isMetadata = entry.name == DocumentFolderRule.metadataFileName
            guard isMetadata || (entry.kind != .directory && filter.acceptsMember(entry.name, of: components)),
                let status = try? FileStatus.lstat(path + "/" + entry.name)
            else { continue }
            if isMetadata {
                guard status.kind == .regular else { return nil }
                hasMetadata = true
            } else if status.kind == .regular {
                members += 1
            }
            total += status.size
            if newest < status.modificationTime { newest = status.modificationTime }
            hash.add(entry.name)
            hash.add(UInt64(bitPattern: status.size))
            hash.add(UInt64(bitPattern: status.modificationTime.seconds))
            hash.add(UInt64(UInt32(bitPattern: status.modificationTime.nanoseconds)))
            hash.add(status.inode)
            hash.add(UInt64(status.kind == .regular ? 1 : 2))
        }
        let snapshot = DocumentFolderSnapshot(
            path: path, components: components, totalSize: total, newestModification: newest, fingerprint: hash.value,
            device: folderStatus.device, inode: folderStatus.inode)
        return (snapshot, hasMetadata, members)
    }
}

/// 64-bit FNV-1a: a cheap change detector, not a security measure (the claim hashes the files with SHA-256).
struct FNV1a: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
        add(byte: 0)
    }

    mutating func add(_ number: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(byte: UInt8(truncatingIfNeeded: number >> UInt64(shift))) }
    }

    private mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
}
