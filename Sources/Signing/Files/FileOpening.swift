import SystemSupport

/// Opening a file and describing it, shared by ``SmallFile``, ``ContentStream`` and ``PDFFileReader``.
enum FileOpening {
    /// An open regular file and its status when it was opened.
    struct Opened {
        let descriptor: FileDescriptor
        let status: FileStatus

        /// Whether the file's size or modification time differ from `status` now.
        func hasChanged(path: String, role: SigningError.FileRole) throws(SigningError) -> Bool {
            let now: FileStatus
            do {
                now = try descriptor.status()
            } catch {
                throw .fileUnreadable(path: path, role: role, reason: error.systemMessage)
            }
            return now.size != status.size || now.modificationTime != status.modificationTime
        }
    }

    /// Opens `path` read-only and requires a regular file. A symbolic link is followed: these are paths the admin
    /// configured (keys, certificates) or files lienthong handed over itself.
    static func open(path: String, role: SigningError.FileRole) throws(SigningError) -> Opened {
        let opened: (FileDescriptor, FileStatus)
        do {
            // Opened without blocking: a FIFO someone put in place of a key must not hang the daemon.
            opened = try FileDescriptor.openForReading(path, followingSymlinks: true)
        } catch {
            if error.isNotFound { throw .fileMissing(path: path, role: role) }
            throw .fileUnreadable(path: path, role: role, reason: error.systemMessage)
        }
        guard opened.1.kind == .regular else { throw .notRegularFile(path: path, role: role) }
        return Opened(descriptor: opened.0, status: opened.1)
    }
}
