#if canImport(Glibc)
    import Glibc
#endif

/// An accepted TCP connection: the plain-text ``HTTPByteStream``.
final class TCPConnection: HTTPByteStream {
    /// The socket; ``TLSContext`` hands it to OpenSSL, everything else goes through the methods below.
    let descriptor: Int32
    private let state = Locked(false)  // true once closed
    let peer: String

    init(descriptor: Int32, peer: String, readTimeoutSeconds: Int) {
        self.descriptor = descriptor
        self.peer = peer
        var timeout = timeval(tv_sec: readTimeoutSeconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = recv(descriptor, base, buffer.count, 0)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw HTTPError.timedOut
            default: throw SystemCallError("recv", subject: peer)
            }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let sent = send(descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if sent < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: throw HTTPError.timedOut
                default: throw SystemCallError("send", subject: peer)
                }
            }
            offset += sent
        }
    }

    func interrupt() {
        state.withLock { closed in
            if !closed { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    func resetConnection() {
        var linger = linger(l_onoff: 1, l_linger: 0)
        state.withLock { closed in
            if !closed {
                _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            }
        }
    }

    func close() {
        state.withLock { closed in
            guard !closed else { return }
            closed = true
            _ = Glibc.close(descriptor)
        }
    }
}
