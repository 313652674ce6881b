#if canImport(Glibc)
    import Glibc
#endif

/// Writing files so that after a crash or power loss they are either complete or absent (reliability.md,
/// "Durable state"): a temporary file `.lienthong-tmp-<random>` in the same directory, opened with
/// `O_CREAT|O_EXCL|O_NOFOLLOW`, written, `fsync`ed, renamed into place with `RENAME_NOREPLACE` (or a plain rename
/// when replacing is asked for), and then the directory is `fsync`ed so the new name itself is durable.
/// On any error the temporary file is removed.
public enum DurableFile {
    /// The prefix of every temporary file lienthong creates; folder watchers ignore such names.
    public static let temporaryPrefix = ".lienthong-tmp-"

    /// Durably writes `bytes` to `path`.
    /// - Throws: ``SystemError`` with `EEXIST` when `path` exists and `replaceExisting` is false.
    public static func write(
        _ bytes: [UInt8], to path: String, mode: UInt32 = 0o640, replaceExisting: Bool = false
    ) throws {
        try write(to: path, mode: mode, replaceExisting: replaceExisting) { descriptor in try descriptor.write(bytes) }
    }

    /// Durably writes whatever `body` writes into the descriptor it is given (a fresh, empty temporary file) to
    /// `path`, with permissions exactly `mode` (the umask does not apply).
    /// - Throws: ``SystemError`` with `EEXIST` when `path` exists and `replaceExisting` is false, and whatever
    ///   `body` throws. The temporary file never survives an error.
    public static func write(
        to path: String, mode: UInt32 = 0o640, replaceExisting: Bool = false,
        body: (FileDescriptor) throws -> Void
    ) throws {
        let (directoryPath, name) = PathParts.split(path)
        guard PathParts.isSingleComponent(name) else {
            throw SystemError(operation: "write", path: path, errno: EINVAL)
        }
        let directory = FileDescriptor(
            owning: try Syscall.open(directoryPath, flags: O_RDONLY | O_DIRECTORY), path: directoryPath)
        if !replaceExisting {
            // Fail before writing a possibly large file that could not be renamed into place anyway.
            if (try? Syscall.lstatat(directory.rawDescriptor, name, describedAs: path)) != nil {
                throw SystemError(operation: "create", path: path, errno: EEXIST)
            }
        }
        let temporary = try createTemporary(in: directory, directoryPath: directoryPath, mode: mode)
        do {
            try body(temporary.descriptor)
            try temporary.descriptor.sync()
            try temporary.descriptor.close()
            try rename(
                temporary.name, in: directory, to: name, describedAs: path, replaceExisting: replaceExisting)
        } catch {
            try? Syscall.unlinkat(directory.rawDescriptor, temporary.name, describedAs: temporary.path)
            throw error
        }
        try directory.sync()
    }

    /// An open, empty temporary file in `directory`.
    struct Temporary {
        let descriptor: FileDescriptor
        let name: String
        let path: String
    }

    static func createTemporary(
        in directory: FileDescriptor, directoryPath: String, mode: UInt32
    ) throws(SystemError) -> Temporary {
        var generator = SystemRandomNumberGenerator()
        var attempts = 0
        while true {
            let suffix = String(generator.next() as UInt64, radix: 16)
            let name = temporaryPrefix + suffix
            let path = PathParts.join(directoryPath, name)
            do throws(SystemError) {
                let raw = try Syscall.openat(
                    directory.rawDescriptor, name, flags: O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY, mode: mode,
                    describedAs: path)
                let descriptor = FileDescriptor(owning: raw, path: path)
                do throws(SystemError) {
                    try Syscall.fchmod(raw, mode: mode, path: path)
                } catch {
                    try? Syscall.unlinkat(directory.rawDescriptor, name, describedAs: path)
                    throw error
                }
                return Temporary(descriptor: descriptor, name: name, path: path)
            } catch  where error.isAlreadyExists && attempts < 16 {
                attempts += 1
            }
        }
    }

    /// Renames `source` to `destination` inside one directory, refusing to replace unless asked.
    static func rename(
        _ source: String, in directory: FileDescriptor, to destination: String, describedAs path: String,
        replaceExisting: Bool
    ) throws(SystemError) {
        if replaceExisting {
            try Syscall.renameat2(
                directory.rawDescriptor, source, directory.rawDescriptor, destination, noReplace: false,
                describedAs: path)
        } else {
            try NoReplaceRename.rename(
                from: directory.rawDescriptor, source, to: directory.rawDescriptor, destination, describedAs: path)
        }
    }
}
