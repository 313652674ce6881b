import Foundation
import Glibc

/// A few lines of HTTP/1.1 for the status page: one request per connection, any method, the status, the headers
/// (names lowercased) and the body.
struct PageClient {
    let port: Int

    typealias Reply = LoopbackHTTP.Reply

    func get(_ path: String) throws -> Reply { try request("GET", path) }

    /// A connected socket to the page, for tests that speak HTTP badly on purpose; the caller closes it.
    func connect() throws -> Int32 { try LoopbackHTTP.connect(port: port, service: "the status page") }

    func request(_ method: String, _ path: String, body: String = "") throws -> Reply {
        try LoopbackHTTP.exchange(
            port: port, service: "the status page", head: "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)",
            contentType: "text/plain", body: Array(body.utf8))
    }

    /// A socket listening on 127.0.0.1:`port`, to take the port away from the daemon; the caller closes it.
    static func listen(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw IntegrationError("socket: \(errno)") }
        var address = LoopbackHTTP.loopback(port: port)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound, Glibc.listen(socket, 1) == 0 else {
            close(socket)
            throw IntegrationError("cannot listen on 127.0.0.1:\(port): errno \(errno)")
        }
        return socket
    }

    /// A loopback port that was free a moment ago (bind to 0, read it back, close).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw IntegrationError("socket: \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw IntegrationError("no free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension TwoAgencies {
    /// Turns the agency's status page on at a free loopback port (the demo configuration has it off) and returns a
    /// client for it.
    func enableStatusPage(_ code: String) throws -> PageClient {
        let port = try PageClient.freePort()
        try editConfig(code) { yaml in
            guard yaml.contains("  listen: \"\"\n") else { throw IntegrationError("no status_page.listen:\n\(yaml)") }
            return yaml.replacingOccurrences(of: "  listen: \"\"\n", with: "  listen: \"127.0.0.1:\(port)\"\n")
        }
        return PageClient(port: port)
    }
}
