#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor with the few blocking operations the benchmark needs. Closed on deinit if
/// ``close()`` was not called.
final class PosixFile {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    static func openForReading(_ path: String) throws(BenchmarkError) -> PosixFile {
        try open(path, flags: O_RDONLY, operation: "open for reading")
    }

    /// Creates a new file (mode 0600); an existing file is an error.
    static func create(_ path: String) throws(BenchmarkError) -> PosixFile {
        try open(path, flags: O_WRONLY | O_CREAT | O_EXCL, operation: "create")
    }

    /// Opens an existing file for writing without truncating it (used for `/proc/self/clear_refs`).
    static func openExistingForWriting(_ path: String) throws(BenchmarkError) -> PosixFile {
        try open(path, flags: O_WRONLY, operation: "open for writing")
    }

    private static func open(_ path: String, flags: Int32, operation: String) throws(BenchmarkError) -> PosixFile {
        let descriptor = systemOpen(path, flags | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(operation: operation, path: path, reason: lastErrorMessage()) }
        return PosixFile(path: path, descriptor: descriptor)
    }

    /// Reads up to `buffer.count` bytes; 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(BenchmarkError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        while true {
            let count = systemRead(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw .io(operation: "read", path: path, reason: lastErrorMessage()) }
        }
    }

    /// Fills `buffer` completely unless the file ends first; returns the bytes read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(BenchmarkError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(BenchmarkError) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = systemWrite(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "write", path: path, reason: lastErrorMessage())
            }
            written += count
        }
    }

    func close() throws(BenchmarkError) {
        guard descriptor >= 0 else { return }
        let result = systemClose(descriptor)
        descriptor = -1
        if result != 0 { throw .io(operation: "close", path: path, reason: lastErrorMessage()) }
    }
}

// The C calls live outside the class so that its methods of the same names do not shadow them.

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
func lastErrorMessage() -> String { String(cString: strerror(errno)) }
