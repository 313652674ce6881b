import Foundation
import Glibc

/// Talks to `lienthong-axis`'s admin endpoint over loopback (a few lines of HTTP/1.0; the test needs nothing more):
/// counters, and the fault rules of `POST`/`DELETE /admin/faults`.
struct AdminClient {
    let port: Int

    func stats() throws -> [String: Any] {
        let body = try get("/admin/stats")
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            throw IntegrationError("admin stats are not a JSON object: \(body)")
        }
        return object
    }

    /// Adds a fault rule, e.g. `{"method":"sendEdoc","count":2,"fault":{"kind":"http_status","status":503}}`.
    func addFault(_ json: String) throws {
        let reply = try request("POST", "/admin/faults", body: Array(json.utf8))
        guard reply.status == 200 else { throw IntegrationError("POST /admin/faults \(json): \(reply.body)") }
    }

    /// Removes every fault rule.
    func clearFaults() throws {
        let reply = try request("DELETE", "/admin/faults")
        guard reply.status == 200 else { throw IntegrationError("DELETE /admin/faults: \(reply.body)") }
    }

    func get(_ path: String) throws -> String {
        try request("GET", path).body
    }

    /// One request on a fresh connection; the status code and the body.
    func request(_ method: String, _ path: String, body: [UInt8] = []) throws -> (status: Int, body: String) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw IntegrationError("socket: \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw IntegrationError("cannot connect to the admin port \(port)") }
        var head = "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if !body.isEmpty { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        var offset = 0
        while offset < request.count {
            let sent = request[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw IntegrationError("sending to the admin port \(port) failed: errno \(errno)") }
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
        guard let split = text.range(of: "\r\n\r\n") else { throw IntegrationError("bad HTTP reply: \(text)") }
        let statusLine = text[..<split.lowerBound].split(separator: "\r\n").first ?? ""
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, String(text[split.upperBound...]))
    }
}
