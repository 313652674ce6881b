import CryptoPrimitives
import Foundation
import SystemSupport

/// Streaming helpers over files, in 1 MiB chunks: memory stays constant whatever the file size.
enum StreamingFiles {
    static let chunkSize = 1 << 20

    /// Writes `byteCount` random bytes (from `/dev/urandom`) to a new file at `path` with a `DurableFileWriter`;
    /// returns their SHA-256.
    static func writeRandomFile(at path: String, byteCount: Int64) throws(BenchmarkError) -> Digest {
        let hasher = SHA256()
        try io { () throws(SystemError) in
            let (random, _) = try FileDescriptor.openForReading("/dev/urandom")
            let output = try DurableFileWriter(creating: path, mode: 0o600)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            var remaining = byteCount
            while remaining > 0 {
                let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[..<Int(min(Int64(chunkSize), remaining))])
                guard try random.readFully(into: chunk) == chunk.count else {
                    throw SystemError(
                        operation: "read random bytes (short read) from", path: "/dev/urandom", errno: EIO)
                }
                hasher.update(UnsafeRawBufferPointer(chunk))
                try output.write(UnsafeRawBufferPointer(chunk))
                remaining -= Int64(chunk.count)
            }
            try output.publish()
        }
        return hasher.finalize()
    }

    /// SHA-256 and size of the file at `path`.
    static func digest(ofFile path: String) throws(BenchmarkError) -> (digest: Digest, byteCount: Int64) {
        let hasher = SHA256()
        let total = try io { () throws(SystemError) in
            let (input, _) = try FileDescriptor.openForReading(path)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            var total: Int64 = 0
            while true {
                let count = try input.read(into: buffer)
                if count == 0 { return total }
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                total += Int64(count)
            }
        }
        return (hasher.finalize(), total)
    }

    private static func io<Result>(_ body: () throws(SystemError) -> Result) throws(BenchmarkError) -> Result {
        do {
            return try body()
        } catch {
            throw .io(operation: error.operation, path: error.path ?? "", reason: error.systemMessage)
        }
    }
}
