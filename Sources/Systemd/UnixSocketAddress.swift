import Glibc

/// A unix domain socket address in the form systemd hands out: an absolute filesystem path (`/run/systemd/notify`)
/// or an abstract name written with a leading `@` (`@/org/freedesktop/systemd1/notify/123`).
struct UnixSocketAddress: Sendable, Equatable, CustomStringConvertible {
    /// The bytes of `sun_path`: for an abstract address the leading NUL followed by the name, for a path the path
    /// itself (the terminating NUL is added when the address is built).
    let pathBytes: [UInt8]
    let isAbstract: Bool

    var description: String {
        let name = String(decoding: isAbstract ? pathBytes.dropFirst() : pathBytes[...], as: UTF8.self)
        return isAbstract ? "@" + name : name
    }

    /// The capacity of `sockaddr_un.sun_path` on Linux.
    static let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    init(_ text: String) throws(SystemdError) {
        let bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "@") {
            guard bytes.count > 1 else {
                throw .invalidSocketAddress(text, reason: "an abstract socket needs a name after '@'")
            }
            // Abstract names are not NUL-terminated; they are the whole rest of sun_path up to the given length.
            guard bytes.count <= Self.pathCapacity else {
                throw .invalidSocketAddress(text, reason: "longer than \(Self.pathCapacity - 1) bytes")
            }
            pathBytes = [0] + bytes.dropFirst()
            isAbstract = true
        } else if bytes.first == UInt8(ascii: "/") {
            guard !bytes.contains(0) else {
                throw .invalidSocketAddress(text, reason: "the path contains a NUL byte")
            }
            guard bytes.count < Self.pathCapacity else {
                throw .invalidSocketAddress(text, reason: "longer than \(Self.pathCapacity - 1) bytes")
            }
            pathBytes = bytes
            isAbstract = false
        } else if text.hasPrefix("vsock:") {
            throw .invalidSocketAddress(text, reason: "AF_VSOCK notification sockets (used in VMs) are not supported")
        } else {
            throw .invalidSocketAddress(text, reason: "it is neither an absolute path nor an abstract '@' name")
        }
    }

    /// Calls `body` with a `sockaddr` pointer and the exact address length, as `sendto(2)` and `bind(2)` expect.
    func withSockaddr<Result>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemdError) -> Result
    ) throws(SystemdError) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        // Abstract names are exactly as long as given; paths include their terminating NUL.
        let length = pathOffset + pathBytes.count + (isAbstract ? 0 : 1)
        return try withUnsafePointer(to: &address) { pointer throws(SystemdError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { rebound throws(SystemdError) in
                try body(rebound, socklen_t(length))
            }
        }
    }
}
