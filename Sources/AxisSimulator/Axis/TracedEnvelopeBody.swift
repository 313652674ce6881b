import SystemSupport

/// A stored envelope served with this axis's `TraceHeader` in it, made while it is sent: nothing is copied to disk.
///
/// When the reply is made, the envelope is read up to just past the insertion point (the header: a few kilobytes)
/// and marked in memory (``TraceHeaderInserter``); the rest of the file, usually nearly all of it, follows as it is
/// from the same descriptor. So the length is known before the first byte, and a download costs the axis no
/// temporary file to create, sync and remove.
final class TracedEnvelopeBody: HTTPBodyProducer {
    /// More envelope than this before the insertion point is not held in memory: the envelope is served unmarked.
    static let maximumHeadBytes = 16 << 20
    static let readBytes = 64 * 1024

    enum Failure: Error, CustomStringConvertible, Equatable {
        case headTooLarge(limit: Int)

        var description: String {
            switch self {
            case .headTooLarge(let limit): "the envelope has more than \(limit) bytes before the TraceHeader's place"
            }
        }
    }

    let length: Int64
    private let head: [UInt8]
    private let rest: FileBodyProducer
    private let headSent = Locked(false)

    /// Reads `path` up to the insertion point now. Throws ``TraceHeaderInserter/Failure`` or ``Failure`` when the
    /// envelope cannot be marked, or the file's own errors.
    init(path: String, organId: String, timestamp: String) throws {
        let (file, status) = try FileDescriptor.openForReading(path)
        let inserter = TraceHeaderInserter(organId: organId, timestamp: timestamp)
        var head: [UInt8] = []
        var consumed: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readBytes, alignment: 16)
        defer { buffer.deallocate() }
        while !inserter.isDone {
            let count = try file.read(into: buffer)
            guard count > 0 else {
                try inserter.finish()
                break
            }
            try inserter.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            consumed += Int64(count)
            head += inserter.takeOutput()
            guard head.count <= Self.maximumHeadBytes else { throw Failure.headTooLarge(limit: Self.maximumHeadBytes) }
        }
        self.head = head
        rest = FileBodyProducer(continuing: file, path: path, length: max(0, status.size - consumed))
        length = Int64(head.count) + rest.length
    }

    func nextPiece() throws -> [UInt8]? {
        let first = headSent.withLock { sent in
            defer { sent = true }
            return !sent
        }
        return first ? head : try rest.nextPiece()
    }

    func release() { rest.release() }
}
