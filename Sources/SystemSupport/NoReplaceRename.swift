#if canImport(Glibc)
    import Glibc
#endif

/// `renameat2(RENAME_NOREPLACE)`, with fallbacks for filesystems that do not support the flag (some CIFS and older
/// NFS servers answer `EINVAL` or `ENOSYS`/`EOPNOTSUPP`).
///
/// The fallback is `link` + `unlink`, which is equally atomic about refusing an existing destination. Where hard
/// links are not supported either, the last resort checks for the destination and then renames: a race with another
/// writer creating the same name in between is possible there and is documented as such.
enum NoReplaceRename {
    static func rename(
        from sourceDirectory: Int32, _ source: String, to destinationDirectory: Int32, _ destination: String,
        describedAs path: String
    ) throws(SystemError) {
        do throws(SystemError) {
            try Syscall.renameat2(
                sourceDirectory, source, destinationDirectory, destination, noReplace: true, describedAs: path)
            return
        } catch  where isUnsupported(error.errno) {
            // Fall through to the fallbacks below.
        }
        do throws(SystemError) {
            try Syscall.linkat(sourceDirectory, source, destinationDirectory, destination, describedAs: path)
            try Syscall.unlinkat(sourceDirectory, source, describedAs: path)
            return
        } catch  where isUnsupported(error.errno) || error.errno == EPERM {
            // No hard links on this filesystem: check, then rename.
        }
        if (try? Syscall.lstatat(destinationDirectory, destination, describedAs: path)) != nil {
            throw SystemError(operation: "rename", path: path, errno: EEXIST)
        }
        try Syscall.renameat2(
            sourceDirectory, source, destinationDirectory, destination, noReplace: false, describedAs: path)
    }

    private static func isUnsupported(_ code: Int32) -> Bool {
        code == EINVAL || code == ENOSYS || code == EOPNOTSUPP
    }
}
