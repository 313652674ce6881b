/// Buffered reading from an ``HTTPByteStream``: lines for the head, raw spans for bodies.
///
/// Memory is bounded by the buffer size; bodies pass through it in chunks.
final class HTTPInputBuffer {
    private let stream: HTTPByteStream
    private var storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    init(stream: HTTPByteStream, capacity: Int = 64 * 1024) {
        self.stream = stream
        self.storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 1)
    }

    deinit { storage.deallocate() }

    private var buffered: Int { end - start }

    /// Refills the buffer once everything in it was consumed; returns false at end of stream.
    private func fill() throws -> Bool {
        start = 0
        end = try stream.read(into: storage)
        return end > 0
    }

    /// Reads one line ending in LF (a preceding CR is dropped). Returns nil at a clean end of stream before any
    /// byte. `budget` is decremented by the bytes consumed and the read fails once it would go negative.
    func readLine(budget: inout Int, limitError: HTTPError) throws -> [UInt8]? {
        var line: [UInt8] = []
        while true {
            if buffered == 0 {
                guard try fill() else {
                    if line.isEmpty { return nil }
                    throw HTTPError.unexpectedEndOfStream
                }
            }
            let window = UnsafeRawBufferPointer(rebasing: storage[start..<end])
            if let newline = window.firstIndex(of: UInt8(ascii: "\n")) {
                guard budget - (newline + 1) >= 0 else { throw limitError }
                budget -= newline + 1
                line.append(contentsOf: window[..<newline])
                start += newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            guard budget - window.count >= 0 else { throw limitError }
            budget -= window.count
            line.append(contentsOf: window)
            start = end
        }
    }

    /// Passes exactly `count` bytes to `consume` in chunks; fails if the stream ends first.
    func readExactly(_ count: Int64, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = count
        while remaining > 0 {
            if buffered == 0 {
                guard try fill() else { throw HTTPError.unexpectedEndOfStream }
            }
            let take = Int(min(Int64(buffered), remaining))
            try consume(UnsafeRawBufferPointer(rebasing: storage[start..<(start + take)]))
            start += take
            remaining -= Int64(take)
        }
    }

    /// Consumes a CRLF (or bare LF) if it is next, without blocking when nothing is buffered.
    func skipBufferedEmptyLine() {
        if buffered >= 2, storage[start] == UInt8(ascii: "\r"), storage[start + 1] == UInt8(ascii: "\n") {
            start += 2
        } else if buffered >= 1, storage[start] == UInt8(ascii: "\n") {
            start += 1
        }
    }
}
