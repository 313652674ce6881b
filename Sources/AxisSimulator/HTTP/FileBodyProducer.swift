import Foundation
import SystemSupport

/// A file sent as a response body in 64 KiB pieces: the file is opened once, when the producer is made, and its
/// size then is the body's length. A file that shrinks while it is sent fails the body (the server closes the
/// connection); bytes appended meanwhile are not sent.
final class FileBodyProducer: HTTPBodyProducer {
    static let pieceBytes = 64 * 1024

    private struct State {
        var file: FileDescriptor?
        var sent: Int64 = 0
    }

    let path: String
    let length: Int64
    private let removeAfterSending: Bool
    private let state: Locked<State>

    /// Opens `path` now.
    convenience init(path: String, removeAfterSending: Bool) throws {
        let (file, status) = try FileDescriptor.openForReading(path)
        self.init(continuing: file, path: path, length: status.size, removeAfterSending: removeAfterSending)
    }

    /// Sends `length` bytes of `file` from its current offset (the part of a file another producer did not send).
    init(continuing file: FileDescriptor, path: String, length: Int64, removeAfterSending: Bool = false) {
        self.path = path
        self.length = length
        self.removeAfterSending = removeAfterSending
        state = Locked(State(file: file))
    }

    func nextPiece() throws -> [UInt8]? {
        try state.withLock { state in
            guard let file = state.file, state.sent < length else { return nil }
            let wanted = Int(min(Int64(Self.pieceBytes), length - state.sent))
            var piece = [UInt8](repeating: 0, count: wanted)
            let count = try piece.withUnsafeMutableBytes { try file.read(into: $0) }
            guard count > 0 else {
                throw SystemError(operation: "read (the file shrank while it was sent)", path: path, errno: EIO)
            }
            state.sent += Int64(count)
            if count < wanted { piece.removeLast(wanted - count) }
            return piece
        }
    }

    func release() {
        state.withLock { $0.file = nil }
        if removeAfterSending { unlink(path) }
    }
}
