#if canImport(Glibc)
    import Glibc
#endif

/// Moving files without ever replacing one that is already there, across filesystems if need be, durably.
///
/// Within one filesystem a move is `renameat2(RENAME_NOREPLACE)`. Across filesystems (`EXDEV`, e.g. from the Samba
/// share to the spool) the file is copied into a temporary file in the destination directory, `fsync`ed, renamed
/// into place without replacing, and only then is the source unlinked. Both directories are `fsync`ed at the end,
/// so after a crash the file is in at least one of the two places, complete.
public enum FileMover {
    /// The largest numbered suffix tried before giving up (`name (9999).ext`).
    static let maximumSuffix = 9_999

    /// Moves `source` into `directory` as `preferredName`, or `name (2).ext`, `name (3).ext`, … when that name is
    /// taken, and returns the final path.
    /// - Parameter preferredName: a single safe file name (see ``SafeFileName``); a name with `/` is refused.
    public static func move(from source: String, toDirectory directory: String, preferredName: String) throws
        -> String
    {
        var syncs = DirectorySyncs()
        let path = try move(from: source, toDirectory: directory, preferredName: preferredName, syncs: &syncs)
        try syncs.sync()
        return path
    }

    /// ``move(from:toDirectory:preferredName:)`` for a batch: a rename within one filesystem adds both directories
    /// to `syncs` instead of syncing them, and is durable only after `syncs.sync()`. A copy across filesystems is
    /// made durable before it returns, as it must be before the source is unlinked.
    public static func move(
        from source: String, toDirectory directory: String, preferredName: String, syncs: inout DirectorySyncs
    ) throws -> String {
        guard PathParts.isSingleComponent(preferredName) else {
            throw SystemError(operation: "move", path: PathParts.join(directory, preferredName), errno: EINVAL)
        }
        let destination = FileDescriptor(
            owning: try Syscall.open(directory, flags: O_RDONLY | O_DIRECTORY), path: directory)
        let (sourceDirectoryPath, sourceName) = PathParts.split(source)
        let sourceDirectory = FileDescriptor(
            owning: try Syscall.open(sourceDirectoryPath, flags: O_RDONLY | O_DIRECTORY), path: sourceDirectoryPath)

        do {
            guard
                let path = try renameToFreeName(
                    sourceDirectory.rawDescriptor, sourceName, into: destination, directoryPath: directory,
                    candidates: CandidateNames(preferredName))
            else {
                throw SystemError(operation: "move", path: PathParts.join(directory, preferredName), errno: EEXIST)
            }
            syncs.add(directory)
            syncs.add(sourceDirectoryPath)
            return path
        } catch let error as SystemError where error.errno == EXDEV {
            return try copyAcross(
                source: source, sourceDirectory: sourceDirectory, sourceName: sourceName,
                destination: destination, destinationPath: directory, candidates: CandidateNames(preferredName))
        }
    }

    /// Renames `sourceName` to the first candidate name not taken in `destination`; nil when all are taken.
    private static func renameToFreeName(
        _ sourceDirectory: Int32, _ sourceName: String, into destination: FileDescriptor, directoryPath: String,
        candidates: CandidateNames
    ) throws(SystemError) -> String? {
        var names = candidates
        while let name = names.next() {
            let path = PathParts.join(directoryPath, name)
            do {
                try NoReplaceRename.rename(
                    from: sourceDirectory, sourceName, to: destination.rawDescriptor, name, describedAs: path)
                return path
            } catch {
                guard error.isAlreadyExists else { throw error }
            }
        }
        return nil
    }

    /// Moves `source` to exactly `destination`; fails with `EEXIST` if `destination` exists.
    ///
    /// `source` may be a directory (e.g. a staged inbox folder) when both are on the same filesystem; across
    /// filesystems only regular files are copied. If the rename succeeded but a directory `fsync` failed, the error
    /// is thrown although the file is already at `destination`: callers repeat the step idempotently.
    public static func moveReplacingNothing(from source: String, to destination: String) throws {
        var syncs = DirectorySyncs()
        try moveReplacingNothing(from: source, to: destination, syncs: &syncs)
        try syncs.sync()
    }

    /// ``moveReplacingNothing(from:to:)`` for a batch: a rename adds both directories to `syncs`, and is durable
    /// only after `syncs.sync()`; a copy across filesystems is durable when it returns.
    public static func moveReplacingNothing(from source: String, to destination: String, syncs: inout DirectorySyncs)
        throws
    {
        let (directory, name) = PathParts.split(destination)
        guard PathParts.isSingleComponent(name) else {
            throw SystemError(operation: "move", path: destination, errno: EINVAL)
        }
        let destinationDirectory = FileDescriptor(
            owning: try Syscall.open(directory, flags: O_RDONLY | O_DIRECTORY), path: directory)
        let (sourceDirectoryPath, sourceName) = PathParts.split(source)
        let sourceDirectory = FileDescriptor(
            owning: try Syscall.open(sourceDirectoryPath, flags: O_RDONLY | O_DIRECTORY), path: sourceDirectoryPath)
        do {
            try NoReplaceRename.rename(
                from: sourceDirectory.rawDescriptor, sourceName, to: destinationDirectory.rawDescriptor, name,
                describedAs: destination)
            syncs.add(directory)
            syncs.add(sourceDirectoryPath)
        } catch  where error.errno == EXDEV {
            _ = try copyAcross(
                source: source, sourceDirectory: sourceDirectory, sourceName: sourceName,
                destination: destinationDirectory, destinationPath: directory,
                candidates: CandidateNames(name, numbered: false))
        }
    }

    /// The cross-filesystem path of a move: copy into a temporary file in `destination`, `fsync`, rename without
    /// replacing to the first free candidate name, unlink the source, `fsync` both directories.
    /// Internal so that tests can exercise it when no second filesystem is available.
    static func copyAcross(
        source: String, sourceDirectory: FileDescriptor, sourceName: String, destination: FileDescriptor,
        destinationPath: String, candidates: CandidateNames
    ) throws -> String {
        let input = FileDescriptor(
            owning: try Syscall.openat(
                sourceDirectory.rawDescriptor, sourceName, flags: O_RDONLY | O_NOFOLLOW | O_NONBLOCK,
                describedAs: source),
            path: source)
        let status = try input.status()
        guard status.kind == .regular else {
            throw SystemError(operation: "copy", path: source, errno: status.kind == .directory ? EISDIR : EINVAL)
        }
        try input.setNonBlocking(false)
        let writer = try DurableFileWriter(
            directory: destination, directoryPath: destinationPath, name: candidates.base,
            mode: status.permissions & 0o777, replaceExisting: false)
        try input.forEachChunk(chunkSize: 1 << 20) { chunk in try writer.write(chunk) }
        try writer.setModificationTime(status.modificationTime)
        let published = try writer.publish { () throws(SystemError) -> String? in
            try renameToFreeName(
                destination.rawDescriptor, writer.temporaryName, into: destination, directoryPath: destinationPath,
                candidates: candidates)
        }
        guard let finalPath = published else {
            throw SystemError(operation: "move", path: PathParts.join(destinationPath, candidates.base), errno: EEXIST)
        }
        try Syscall.unlinkat(sourceDirectory.rawDescriptor, sourceName, describedAs: source)
        try sourceDirectory.sync()
        return finalPath
    }
}

/// `name.ext`, `name (2).ext`, `name (3).ext`, … up to ``FileMover/maximumSuffix``.
struct CandidateNames {
    let base: String
    private let numbered: Bool
    private var nextNumber = 1

    init(_ base: String, numbered: Bool = true) {
        self.base = base
        self.numbered = numbered
    }

    mutating func next() -> String? {
        defer { nextNumber += 1 }
        if nextNumber == 1 { return base }
        guard numbered, nextNumber <= FileMover.maximumSuffix else { return nil }
        return SafeFileName.numbered(base, nextNumber)
    }
}
