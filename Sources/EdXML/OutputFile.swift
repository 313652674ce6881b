#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file this module creates: opened with `O_CREAT|O_EXCL|O_NOFOLLOW` (never overwrites, never follows a
/// planted symlink), written through a buffer, fsynced before it is closed.
final class OutputFile {
    let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferSize: Int
    private(set) var bytesWritten: Int64 = 0

    init(creating path: String, bufferSize: Int = 64 * 1024) throws(EdXMLError) {
        self.path = path
        self.bufferSize = bufferSize
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .destinationExists(path: path) }
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        self.descriptor = fd
        buffer.reserveCapacity(bufferSize)
    }

    deinit {
        if descriptor >= 0 { _ = SystemCall.close(descriptor) }
    }

    func write(_ bytes: some Collection<UInt8>) throws(EdXMLError) {
        buffer.append(contentsOf: bytes)
        bytesWritten += Int64(bytes.count)
        if buffer.count >= bufferSize { try flush() }
    }

    func write(_ text: String) throws(EdXMLError) {
        try write(text.utf8)
    }

    func flush() throws(EdXMLError) {
        var done = 0
        while done < buffer.count {
            let count = buffer.count - done
            let written = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return SystemCall.write(descriptor, base + done, count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
            done += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, fsyncs and closes. The file is durable once this returns (its directory entry is not:
    /// see ``OutputFile/syncDirectory(of:)``).
    func close() throws(EdXMLError) {
        try flush()
        let fd = descriptor
        descriptor = -1
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            _ = SystemCall.close(fd)
            throw .writeFailed(path: path, reason: "fsync: \(reason)")
        }
        if SystemCall.close(fd) != 0 {
            throw .writeFailed(path: path, reason: "close: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the file after a failure; errors are ignored because the original failure matters more.
    func discard() {
        if descriptor >= 0 {
            _ = SystemCall.close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }

    /// Persists the directory entries of files created in `directory`.
    static func syncDirectory(_ directory: String) throws(EdXMLError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .writeFailed(path: directory, reason: String(cString: strerror(errno))) }
        defer { _ = SystemCall.close(fd) }
        if fsync(fd) != 0 { throw .writeFailed(path: directory, reason: "fsync: \(String(cString: strerror(errno)))") }
    }
}

/// The C functions whose names `OutputFile`'s own methods shadow.
enum SystemCall {
    #if canImport(Glibc)
        static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
            Glibc.write(fd, buffer, count)
        }
        static func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
    #elseif canImport(Musl)
        static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
            Musl.write(fd, buffer, count)
        }
        static func close(_ fd: Int32) -> Int32 { Musl.close(fd) }
    #else
        static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
            Darwin.write(fd, buffer, count)
        }
        static func close(_ fd: Int32) -> Int32 { Darwin.close(fd) }
    #endif
}
