#if canImport(Glibc)
    import Glibc
#endif

/// An owned file descriptor for a regular file, closed on deinit.
///
/// Every read and write loops over partial transfers and `EINTR`; failures become ``SystemCallError``.
final class PosixFile {
    let descriptor: Int32
    let path: String
    private var isClosed = false

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close() }

    /// Creates a new file that must not exist yet (`O_EXCL|O_NOFOLLOW`), readable by the owner only.
    static func createExclusive(_ path: String, mode: mode_t = 0o600) throws -> PosixFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SystemCallError("open (create)", subject: path) }
        return PosixFile(descriptor: fd, path: path)
    }

    static func openForReading(_ path: String) throws -> PosixFile {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("open", subject: path) }
        return PosixFile(descriptor: fd, path: path)
    }

    /// Opens a directory, for `fsync` after a rename.
    static func openDirectory(_ path: String) throws -> PosixFile {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("open (directory)", subject: path) }
        return PosixFile(descriptor: fd, path: path)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("write", subject: path)
            }
            offset += written
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("read", subject: path)
            }
            return count
        }
    }

    func size() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SystemCallError("fstat", subject: path) }
        return Int64(info.st_size)
    }

    func sync() throws {
        guard fsync(descriptor) == 0 else { throw SystemCallError("fsync", subject: path) }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(descriptor)
    }

    /// Calls `body` with successive chunks of the file's first `limit` bytes (all of it when nil).
    func forEachChunk(
        limit: Int64? = nil, chunkSize: Int = 64 * 1024,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var remaining = limit ?? Int64.max
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        while remaining > 0 {
            let wanted = Int(min(Int64(chunkSize), remaining))
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
            if count == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            remaining -= Int64(count)
        }
    }
}
