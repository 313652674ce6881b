#if canImport(Glibc)
    import Glibc
#endif

/// A listening TCP socket bound to a numeric address (IPv4 or IPv6).
final class TCPListener: Sendable {
    let descriptor: Int32
    /// The bound port; the kernel's choice when asked for port 0.
    let port: Int
    let address: String
    private let closed = Locked(false)

    private init(descriptor: Int32, port: Int, address: String) {
        self.descriptor = descriptor
        self.port = port
        self.address = address
    }

    deinit { close() }

    /// Binds and listens. `host` must be a numeric address or `localhost`; port 0 picks a free port.
    static func bind(host: String, port: Int, backlog: Int32 = 128) throws -> TCPListener {
        guard (0...65535).contains(port) else { throw HTTPServerError.invalidPort(port) }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | (host == "localhost" ? 0 : AI_NUMERICHOST)
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPServerError.invalidAddress(host, String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemCallError("socket", subject: host) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard Glibc.bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let error = SystemCallError("bind", subject: "\(host):\(port)")
            _ = Glibc.close(fd)
            throw error
        }
        guard listen(fd, backlog) == 0 else {
            let error = SystemCallError("listen", subject: "\(host):\(port)")
            _ = Glibc.close(fd)
            throw error
        }
        let boundPort = Self.localPort(of: fd) ?? port
        return TCPListener(descriptor: fd, port: boundPort, address: host)
    }

    /// Waits up to `timeoutMilliseconds` for a connection; nil when none arrived (or the peer gave up).
    func accept(timeoutMilliseconds: Int32, readTimeoutSeconds: Int) throws -> TCPConnection? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, timeoutMilliseconds)
        if ready < 0 {
            if errno == EINTR { return nil }
            throw SystemCallError("poll", subject: "listener")
        }
        guard ready > 0 else { return nil }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(descriptor, $0, &length)
            }
        }
        if fd < 0 {
            switch errno {
            case EINTR, EAGAIN, ECONNABORTED, EPROTO: return nil
            default: throw SystemCallError("accept", subject: "listener")
            }
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return TCPConnection(descriptor: fd, peer: Self.describe(storage), readTimeoutSeconds: readTimeoutSeconds)
    }

    func close() {
        closed.withLock { isClosed in
            guard !isClosed else { return }
            isClosed = true
            _ = Glibc.close(descriptor)
        }
    }

    private static func localPort(of fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return nil }
        return describePort(storage)
    }

    private static func describePort(_ storage: sockaddr_storage) -> Int? {
        var copy = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &copy) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &copy) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
        default:
            return nil
        }
    }

    private static func describe(_ storage: sockaddr_storage) -> String {
        var copy = storage
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST)
            }
        }
        let name =
            status == 0 ? String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        return "\(name):\(describePort(storage) ?? 0)"
    }
}
