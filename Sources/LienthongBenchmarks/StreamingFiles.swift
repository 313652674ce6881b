import CryptoPrimitives

/// Streaming helpers over files, in 1 MiB chunks: memory stays constant whatever the file size.
enum StreamingFiles {
    static let chunkSize = 1 << 20

    /// Writes `byteCount` random bytes (from `/dev/urandom`) to a new file at `path`; returns their SHA-256.
    static func writeRandomFile(at path: String, byteCount: Int64) throws(BenchmarkError) -> Digest {
        let random = try PosixFile.openForReading("/dev/urandom")
        let output = try PosixFile.create(path)
        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var remaining = byteCount
        while remaining > 0 {
            let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(min(Int64(chunkSize), remaining))])
            let count = try random.readFully(into: chunk)
            guard count == chunk.count else {
                throw .io(operation: "read random bytes from", path: random.path, reason: "short read")
            }
            let bytes = UnsafeRawBufferPointer(chunk)
            hasher.update(bytes)
            try output.write(bytes)
            remaining -= Int64(count)
        }
        try output.close()
        try random.close()
        return hasher.finalize()
    }

    /// SHA-256 and size of the file at `path`.
    static func digest(ofFile path: String) throws(BenchmarkError) -> (digest: Digest, byteCount: Int64) {
        let input = try PosixFile.openForReading(path)
        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let count = try input.read(into: buffer)
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            total += Int64(count)
        }
        try input.close()
        return (hasher.finalize(), total)
    }
}
