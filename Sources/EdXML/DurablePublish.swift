import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Temp-file-then-publish for the files this module writes, so a crash never leaves a half-written file
/// under its final name.
enum DurablePublish {
    /// A fresh hidden temp path next to `destination` (same directory, so publishing is atomic).
    static func temporaryPath(for destination: String) -> String {
        let url = URL(fileURLWithPath: destination)
        let name = ".\(url.lastPathComponent).tmp-\(UUID().uuidString.lowercased())"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Gives the already fsynced file `temporary` the name `destination`, failing if that name exists,
    /// then fsyncs the directory. `link` + `unlink` is used because it refuses to replace, like
    /// `renameat2(RENAME_NOREPLACE)`, and is available everywhere.
    static func publish(_ temporary: String, as destination: String) throws(EdXMLError) {
        if link(temporary, destination) != 0 {
            let code = errno
            unlink(temporary)
            if code == EEXIST { throw .destinationExists(path: destination) }
            throw .writeFailed(path: destination, reason: String(cString: strerror(code)))
        }
        unlink(temporary)
        let directory = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        try OutputFile.syncDirectory(directory)
    }

    /// fsyncs a file written by someone else (ZIPFoundation).
    static func syncFile(_ path: String) throws(EdXMLError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        defer { _ = SystemCall.close(fd) }
        if fsync(fd) != 0 { throw .writeFailed(path: path, reason: "fsync: \(String(cString: strerror(errno)))") }
    }
}
