/// The seam between the HTTP code and its transport: plain TCP (``TCPConnection``) or TLS (``TLSConnection``).
///
/// Implementations are used by one connection thread for reading and writing; only ``interrupt()`` and
/// ``close()`` may be called from another thread (at shutdown).
protocol HTTPByteStream: AnyObject, Sendable {
    /// Reads up to `buffer.count` bytes; returns 0 at end of stream. Throws on errors and on read timeouts.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Writes all bytes or throws.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Wakes any thread blocked in ``read(into:)`` or ``write(_:)``, which then fails or sees end of stream.
    func interrupt()

    /// Makes the coming ``close()`` abortive: `SO_LINGER` 0, so the peer gets a TCP RST instead of a FIN
    /// (fault injection: a connection reset).
    func resetConnection()

    func close()
}

extension HTTPByteStream {
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}
