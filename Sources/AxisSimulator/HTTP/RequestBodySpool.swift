import Foundation
import HummingbirdCore
import NIOCore
import SystemSupport

/// Writes request bodies, as they arrive, into temporary files in one directory, never into memory: whatever the
/// size, a request holds at most about 64 KiB here plus what NIO buffers before it stops reading the socket.
///
/// The writes happen off the cooperative threads (``Offload``).
struct RequestBodySpool: Sendable {
    static let writeBytes = 64 * 1024

    let directory: String
    let maximumBytes: Int64

    /// Spools `body` into a new file. A body over ``maximumBytes`` (a chunked one can only be caught while it
    /// arrives) throws ``HTTPError/bodyTooLarge(limit:)``, and the partial file is removed.
    func spool(_ body: RequestBody) async throws -> HTTPRequestBody {
        let path = (directory as NSString).appendingPathComponent("body-\(UUID().uuidString).tmp")
        let file = try await Offload.run { Locked(try SystemSupport.FileDescriptor.createExclusive(path)) }
        do {
            var total: Int64 = 0
            var pending = ByteBuffer()
            for try await buffer in body {
                total += Int64(buffer.readableBytes)
                guard total <= maximumBytes else { throw HTTPError.bodyTooLarge(limit: maximumBytes) }
                var buffer = buffer
                pending.writeBuffer(&buffer)
                if pending.readableBytes >= Self.writeBytes {
                    try await Self.write(pending, to: file)
                    pending.clear()
                }
            }
            if pending.readableBytes > 0 { try await Self.write(pending, to: file) }
            try await Offload.run { try file.withLock { try $0.close() } }
            return .file(path: path, length: total)
        } catch {
            unlink(path)
            throw error
        }
    }

    private static func write(_ bytes: ByteBuffer, to file: Locked<SystemSupport.FileDescriptor>) async throws {
        try await Offload.run {
            try file.withLock { file in try bytes.withUnsafeReadableBytes { try file.write($0) } }
        }
    }
}
