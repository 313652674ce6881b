import COpenSSL

#if canImport(Glibc)
    import Glibc
#endif

/// The one owner of an OpenSSL `SSL` object: a TLS ``HTTPByteStream`` over an accepted ``TCPConnection``, made
/// by ``TLSContext/accept(_:)`` after a successful handshake.
///
/// Reads and writes happen on the connection's own thread. ``interrupt()`` may come from another thread at
/// shutdown: it shuts the socket down, which makes a blocked `SSL_read` fail. ``close()`` is called by the
/// connection's thread once it is done.
final class TLSConnection: HTTPByteStream, @unchecked Sendable {
    private struct State {
        var closed = false
        var reset = false
    }

    private let ssl: OpaquePointer
    private let transport: TCPConnection
    private let state = Locked(State())

    var peer: String { transport.peer }

    init(ssl: OpaquePointer, transport: TCPConnection) {
        self.ssl = ssl
        self.transport = transport
    }

    deinit { close() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        ERR_clear_error()
        var count = 0
        let result = SSL_read_ex(ssl, base, buffer.count, &count)
        let savedErrno = errno
        if result == 1 { return count }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_ZERO_RETURN:
            return 0
        case SSL_ERROR_SYSCALL where savedErrno == EAGAIN || savedErrno == EWOULDBLOCK:
            throw HTTPError.timedOut
        default:
            throw TLSError.io(
                operation: "read", peer: peer,
                detail: TLSContext.failureDetail(ssl: ssl, result: result, savedErrno: savedErrno))
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            var written = 0
            let result = SSL_write_ex(ssl, base + offset, bytes.count - offset, &written)
            let savedErrno = errno
            guard result == 1 else {
                if SSL_get_error(ssl, result) == SSL_ERROR_SYSCALL, savedErrno == EAGAIN || savedErrno == EWOULDBLOCK {
                    throw HTTPError.timedOut
                }
                throw TLSError.io(
                    operation: "write", peer: peer,
                    detail: TLSContext.failureDetail(ssl: ssl, result: result, savedErrno: savedErrno))
            }
            offset += written
        }
    }

    func interrupt() { transport.interrupt() }

    func resetConnection() {
        state.withLock { $0.reset = true }
        transport.resetConnection()
    }

    /// Sends close_notify (unless the connection is being reset), frees the `SSL` and closes the socket.
    func close() {
        let (wasClosed, reset) = state.withLock { state -> (Bool, Bool) in
            defer { state.closed = true }
            return (state.closed, state.reset)
        }
        guard !wasClosed else { return }
        if !reset {
            ERR_clear_error()
            _ = SSL_shutdown(ssl)
        }
        SSL_free(ssl)
        ERR_clear_error()
        transport.close()
    }
}
