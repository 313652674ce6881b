import Glibc

/// An unconnected `AF_UNIX`/`SOCK_DGRAM` socket that sends whole datagrams to a given address.
///
/// This is all that the notification and native journal protocols need: one `sendto(2)` per message, which the
/// kernel delivers whole or not at all. The descriptor is closed when the object goes away. `sendto(2)` on one
/// descriptor is safe from several threads, so the type is `Sendable`.
final class UnixDatagramSocket: Sendable {
    private let descriptor: Int32

    init() throws(SystemdError) {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw .socketCallFailed(operation: "socket(AF_UNIX, SOCK_DGRAM)", address: "-", errno: errno)
        }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Enlarges the send buffer so that large journal records fit in one datagram. Failure is harmless: the kernel
    /// default stays in place and an oversized record falls back to another output.
    func requestSendBufferSize(_ bytes: Int32) {
        var value = bytes
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends `bytes` as one datagram, retrying on `EINTR`.
    func send(_ bytes: [UInt8], to address: UnixSocketAddress) throws(SystemdError) {
        try address.withSockaddr { pointer, length throws(SystemdError) in
            while true {
                let sent = bytes.withUnsafeBytes { raw in
                    sendto(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL), pointer, length)
                }
                if sent >= 0 { return }
                let code = errno
                if code == EINTR { continue }
                if code == EMSGSIZE {
                    throw SystemdError.messageTooLarge(address: address.description, bytes: bytes.count)
                }
                throw SystemdError.socketCallFailed(operation: "sendto", address: address.description, errno: code)
            }
        }
    }
}
