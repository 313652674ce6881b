import Foundation
import Glibc

/// A few lines of HTTP/1 over loopback, for the tests' clients of the axis's admin port and of the status page: one
/// request per connection, read until the server closes it.
enum LoopbackHTTP {
    struct Reply {
        let status: Int
        /// Names lowercased; a repeated header keeps its last value.
        let headers: [String: String]
        let body: String
    }

    /// A socket connected to 127.0.0.1:`port`; the caller closes it. `service` names the port in errors.
    static func connect(port: Int, service: String) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw IntegrationError("socket: \(errno)") }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(socket)
            throw IntegrationError("cannot connect to \(service) on port \(port)")
        }
        return socket
    }

    /// Sends `head` (its lines, without the blank line) and `body` with `Connection: close` on a new connection.
    static func exchange(
        port: Int, service: String, head: String, contentType: String, body: [UInt8]
    ) throws -> Reply {
        let socket = try connect(port: port, service: service)
        defer { close(socket) }
        var head = head + "\r\nConnection: close\r\n"
        if !body.isEmpty { head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        var offset = 0
        while offset < request.count {
            let sent = request[offset...].withUnsafeBytes {
                send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw IntegrationError("sending to \(service) failed: errno \(errno)") }
            offset += sent
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw IntegrationError("no HTTP head in: \(text)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
