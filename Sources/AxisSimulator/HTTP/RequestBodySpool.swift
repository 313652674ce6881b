import Foundation
import HummingbirdCore
import NIOCore
import SystemSupport

/// Writes request bodies, as they arrive, into temporary files in one directory, never into memory: whatever the
/// size, a request holds at most about ``writeBytes`` here plus what NIO buffers before it stops reading the socket.
/// Each piece is hashed as it is written (``BodyHashes``), so `sendEdoc` need not read the file back.
///
/// The writes happen off the cooperative threads (``Offload``).
struct RequestBodySpool: Sendable {
    static let writeBytes = 1024 * 1024

    let directory: String
    let maximumBytes: Int64

    /// Spools `body` into a new file. A body over ``maximumBytes`` (a chunked one can only be caught while it
    /// arrives) throws ``HTTPError/bodyTooLarge(limit:)``, and the partial file is removed.
    func spool(_ body: RequestBody) async throws -> HTTPRequestBody {
        let path = (directory as NSString).appendingPathComponent("body-\(UUID().uuidString).tmp")
        let file = try await Offload.run { Locked(try SystemSupport.FileDescriptor.createExclusive(path)) }
        let hashes = Locked(BodyHashes.Streaming())
        let writeBehind = Locked(WriteBehind(dropsWrittenPages: true))
        do {
            var total: Int64 = 0
            var pending = ByteBuffer()
            for try await buffer in body {
                total += Int64(buffer.readableBytes)
                guard total <= maximumBytes else { throw HTTPError.bodyTooLarge(limit: maximumBytes) }
                var buffer = buffer
                pending.writeBuffer(&buffer)
                if pending.readableBytes >= Self.writeBytes {
                    try await Self.write(pending, to: file, hashes: hashes, writeBehind: writeBehind, end: total)
                    pending.clear()
                }
            }
            if pending.readableBytes > 0 {
                try await Self.write(pending, to: file, hashes: hashes, writeBehind: writeBehind, end: total)
            }
            try await Offload.run { try file.withLock { try $0.close() } }
            return .file(path: path, length: total, hashes: hashes.withLock { $0.finish() })
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Appends `bytes`, which bring the file to `end` bytes.
    private static func write(
        _ bytes: ByteBuffer, to file: Locked<SystemSupport.FileDescriptor>, hashes: Locked<BodyHashes.Streaming>,
        writeBehind: Locked<WriteBehind>, end: Int64
    ) async throws {
        try await Offload.run {
            try bytes.withUnsafeReadableBytes { piece in
                try file.withLock { file in
                    try file.write(piece)
                    writeBehind.withLock { $0.fileGrew(to: end, descriptor: file) }
                }
                hashes.withLock { $0.update(piece) }
            }
        }
    }
}
