#if canImport(Glibc)
    import Glibc
#endif

/// An open file descriptor that this object owns: it is closed by ``close()`` or, at the latest, on `deinit`.
///
/// Not `Sendable`, on purpose: once closed, the number can be handed to another file by the kernel, so a descriptor
/// shared between tasks invites reads from or writes into the wrong file. Give each task its own descriptor.
public final class FileDescriptor {
    private var descriptor: Int32
    /// The path the descriptor was opened from, used only in error messages.
    public let path: String?

    /// Takes ownership of `rawDescriptor`, an open descriptor number that nothing else will close.
    public init(owning rawDescriptor: Int32, path: String? = nil) {
        self.descriptor = rawDescriptor
        self.path = path
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// The descriptor number, or -1 once closed. For passing to `poll` and similar calls; do not close it.
    public var rawDescriptor: Int32 { descriptor }

    public var isOpen: Bool { descriptor >= 0 }

    /// Closes the descriptor. A second call does nothing. Errors from `close` (NFS reports delayed write errors
    /// here) are thrown.
    public func close() throws(SystemError) {
        guard descriptor >= 0 else { return }
        let fd = descriptor
        descriptor = -1
        try Syscall.close(fd, path: path)
    }

    /// Reads at most `buffer.count` bytes; returns the number read, 0 at end of file. `EINTR` is retried.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try Syscall.read(try open(), into: buffer, path: path)
    }

    /// Reads until `buffer` is full or the file ends; returns the number of bytes read.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        var total = 0
        while total < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Writes all of `bytes`, looping over short writes and retrying `EINTR`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        let fd = try open()
        var offset = 0
        while offset < bytes.count {
            offset += try Syscall.write(fd, from: UnsafeRawBufferPointer(rebasing: bytes[offset...]), path: path)
        }
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var failure: SystemError?
        bytes.withUnsafeBytes { buffer in
            do throws(SystemError) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads at most `buffer.count` bytes at `offset` (`pread`), without moving the read/write position; returns
    /// the number read, 0 at end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemError) -> Int {
        try Syscall.pread(try open(), into: buffer, at: offset, path: path)
    }

    /// Reads from `offset` until `buffer` is full or the file ends; returns the number of bytes read.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemError) -> Int {
        var total = 0
        while total < buffer.count {
            let count = try read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]), at: offset + Int64(total))
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Calls `body` with successive chunks of the file from the current position, at most `chunkSize` bytes each,
    /// until the file ends or `limit` bytes (when given) were passed. Memory use is one chunk.
    /// - Returns: the number of bytes passed to `body`.
    @discardableResult
    public func forEachChunk(
        limit: Int64? = nil, chunkSize: Int = 64 * 1024, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while total < limit ?? .max {
            let wanted = Int(min(Int64(chunkSize), (limit ?? .max) - total))
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]))
            if count == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            total += Int64(count)
        }
        return total
    }

    /// Writes all of `bytes` at `offset` (`pwrite`), without moving the read/write position.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(SystemError) {
        let fd = try open()
        var done = 0
        while done < bytes.count {
            done += try Syscall.pwrite(
                fd, from: UnsafeRawBufferPointer(rebasing: bytes[done...]), at: offset + Int64(done), path: path)
        }
    }

    /// `fsync`: the data and metadata of this file reach the disk before it returns.
    public func sync() throws(SystemError) {
        try Syscall.fsync(try open(), path: path)
    }

    /// `ftruncate`: cuts the file to `length` bytes (or extends it with zeros).
    public func truncate(to length: Int64) throws(SystemError) {
        try Syscall.ftruncate(try open(), to: length, path: path)
    }

    /// `fstat` of the open descriptor: describes exactly the object that was opened, whatever the path now names.
    public func status() throws(SystemError) -> FileStatus {
        FileStatus(try Syscall.fstat(try open(), path: path))
    }

    /// The read/write position: after sequential reads, the number of bytes read so far.
    public func currentOffset() throws(SystemError) -> Int64 {
        try Syscall.currentOffset(try open(), path: path)
    }

    /// Moves the read/write position to `offset` bytes from the start.
    public func seek(to offset: Int64) throws(SystemError) {
        try Syscall.lseek(try open(), to: offset, path: path)
    }

    /// Turns `O_NONBLOCK` on or off.
    func setNonBlocking(_ enabled: Bool) throws(SystemError) {
        let fd = try open()
        let flags = try Syscall.getFlags(fd, path: path)
        try Syscall.setFlags(fd, enabled ? flags | O_NONBLOCK : flags & ~O_NONBLOCK, path: path)
    }

    private func open() throws(SystemError) -> Int32 {
        guard descriptor >= 0 else {
            throw SystemError(operation: "use of closed descriptor", path: path, errno: EBADF)
        }
        return descriptor
    }
}
