import SystemSupport

/// Reads a file through one fixed-size buffer and keeps the line and column of the next byte.
///
/// Memory use is the buffer, whatever the file size. Lookahead is limited to the buffer size.
final class XMLByteSource {
    let path: String
    private let descriptor: FileDescriptor
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var reachedEnd = false
    private let maxInputBytes: Int64
    private(set) var bytesRead: Int64 = 0
    private(set) var line = 1
    private(set) var column = 1

    init(path: String, bufferSize: Int, maxInputBytes: Int64) throws(EdXMLError) {
        self.path = path
        self.maxInputBytes = maxInputBytes
        self.buffer = [UInt8](repeating: 0, count: max(bufferSize, 4096))
        let opened: (FileDescriptor, FileStatus)
        do {
            opened = try FileDescriptor.openForReading(path, followingSymlinks: true)
        } catch {
            throw .cannotOpen(path: path, reason: error.systemMessage)
        }
        guard opened.1.kind == .regular else { throw .cannotOpen(path: path, reason: "not a regular file") }
        self.descriptor = opened.0
    }

    var position: XMLPosition { XMLPosition(line: line, column: column) }

    /// Makes at least `count` bytes available unless the file ends first. Returns the number available.
    @discardableResult
    func fill(atLeast count: Int) throws(EdXMLError) -> Int {
        if end - start >= count || reachedEnd { return end - start }
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { pointer in
                    guard let base = pointer.baseAddress else { return }
                    base.update(from: base + start, count: remaining)
                }
            }
            start = 0
            end = remaining
        }
        while end - start < count && !reachedEnd && end < buffer.count {
            let got = try read(into: end)
            if got == 0 {
                reachedEnd = true
                break
            }
            bytesRead += Int64(got)
            if bytesRead > maxInputBytes { throw .inputTooLarge(limit: maxInputBytes) }
            end += got
        }
        return end - start
    }

    /// The next byte without consuming it, or nil at the end of the file.
    @inline(__always)
    func peek() throws(EdXMLError) -> UInt8? {
        if start < end { return buffer[start] }
        return try fill(atLeast: 1) > 0 ? buffer[start] : nil
    }

    /// The byte `offset` places ahead (0 is the next one), or nil past the end of the file.
    func peek(at offset: Int) throws(EdXMLError) -> UInt8? {
        if start + offset < end { return buffer[start + offset] }
        return try fill(atLeast: offset + 1) > offset ? buffer[start + offset] : nil
    }

    /// Whether the next bytes are exactly `bytes` (nothing is consumed).
    func hasPrefix(_ bytes: [UInt8]) throws(EdXMLError) -> Bool {
        guard try fill(atLeast: bytes.count) >= bytes.count else { return false }
        for index in 0..<bytes.count where buffer[start + index] != bytes[index] {
            return false
        }
        return true
    }

    /// Consumes one byte that `peek()` has made available.
    @inline(__always)
    func advance() {
        let byte = buffer[start]
        start += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    /// Consumes and returns the next byte, or nil at the end of the file.
    @inline(__always)
    func next() throws(EdXMLError) -> UInt8? {
        guard let byte = try peek() else { return nil }
        advance()
        return byte
    }

    /// Copies buffered bytes into `output` up to (not including) the first byte for which `isStop` is true,
    /// at most `limit` bytes, and consumes them. Returns the number copied (0 when the next byte stops).
    /// This is the fast path for long text runs such as base64.
    ///
    /// The scan works on local copies of the position and a pointer into the buffer: it runs over every byte of an
    /// attachment's base64, and the object's own properties would be checked for exclusive access at each one.
    @inline(__always)
    func takeRun(into output: inout [UInt8], limit: Int, isStop: (UInt8) -> Bool) throws(EdXMLError) -> Int {
        if start == end { try fill(atLeast: 1) }
        let stop = min(end, start + limit)
        let (index, line, column) = buffer.withUnsafeBufferPointer { bytes in
            var (index, line, column) = (start, self.line, self.column)
            while index < stop {
                let byte = bytes[index]
                if isStop(byte) { break }
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
            return (index, line, column)
        }
        self.line = line
        self.column = column
        let count = index - start
        if count > 0 {
            output.append(contentsOf: buffer[start..<index])
            start = index
        }
        return count
    }

    /// Reads into `buffer` from index `from` to its end.
    private func read(into from: Int) throws(EdXMLError) -> Int {
        let result = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in
                try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[from...]))
            }
        }
        do {
            return try result.get()
        } catch {
            throw .readFailed(path: path, reason: error.systemMessage)
        }
    }
}
