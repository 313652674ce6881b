import Foundation

/// An open file descriptor for the client's own files (the envelope to send, the download target).
///
/// Owns the descriptor and closes it on deinit. Every failure becomes
/// ``AxisError/Kind/localFile(path:operation:errno:)``.
final class LocalFile {
    struct Failure: Error {
        let path: String
        let operation: String
        let errno: Int32

        var kind: AxisError.Kind { .localFile(path: path, operation: operation, errno: errno) }
    }

    let path: String
    let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens a regular file for reading (symlinks are not followed).
    static func openForReading(_ path: String) throws(Failure) -> LocalFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw Failure(path: path, operation: "open for reading", errno: errno) }
        let file = LocalFile(path: path, descriptor: descriptor)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(path: path, operation: "stat", errno: errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(path: path, operation: "read (not a regular file)", errno: EINVAL)
        }
        return file
    }

    /// Creates `path`, which must not exist yet (no symlink followed), mode 0600.
    static func createExclusive(_ path: String) throws(Failure) -> LocalFile {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw Failure(path: path, operation: "create", errno: errno) }
        return LocalFile(path: path, descriptor: descriptor)
    }

    /// Fsyncs the directory holding `path`, so a rename into it survives a crash.
    static func syncDirectory(containing path: String) throws(Failure) {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(path: directory, operation: "open directory", errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(path: directory, operation: "fsync directory", errno: errno) }
    }

    func size() throws(Failure) -> Int64 {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(path: path, operation: "stat", errno: errno) }
        return Int64(status.st_size)
    }

    func rewind() throws(Failure) {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw Failure(path: path, operation: "seek", errno: errno) }
    }

    /// Reads up to `buffer.count` bytes; 0 at end of file. Retries on EINTR.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw Failure(path: path, operation: "read", errno: errno) }
        }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if count > 0 {
                offset += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                throw Failure(path: path, operation: "write", errno: count < 0 ? errno : EIO)
            }
        }
    }

    func write(_ bytes: [UInt8]) throws(Failure) {
        guard !bytes.isEmpty else { return }
        var failure: Failure?
        bytes.withUnsafeBytes { buffer in
            do throws(Failure) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    func sync() throws(Failure) {
        guard fsync(descriptor) == 0 else { throw Failure(path: path, operation: "fsync", errno: errno) }
    }
}
