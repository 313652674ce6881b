import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately independent, minimal HTTP/1.1 client over a raw loopback socket, so the tests do not share
/// code (or bugs) with the server under test.
final class TestHTTPClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
    }

    struct ClientError: Error, CustomStringConvertible {
        let description: String
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            close(descriptor)
            throw ClientError(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Sends a request. `body` goes with Content-Length unless `chunkSizes` is given (then chunked).
    func request(
        method: String, path: String, headers: [(name: String, value: String)], body: [UInt8]? = nil,
        chunkSizes: [Int]? = nil, extraAfterBody: [UInt8] = [], contentLengthOverride: Int? = nil
    ) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        var payload: [UInt8] = []
        if let body {
            if let chunkSizes {
                head += "Transfer-Encoding: chunked\r\n"
                var offset = 0
                var sizes = chunkSizes.makeIterator()
                while offset < body.count {
                    let size = min(sizes.next() ?? body.count, body.count - offset)
                    payload += Array("\(String(size, radix: 16))\r\n".utf8) + body[offset..<(offset + size)] + [13, 10]
                    offset += size
                }
                payload += Array("0\r\n\r\n".utf8)
            } else {
                head += "Content-Length: \(contentLengthOverride ?? body.count)\r\n"
                payload = body
            }
        }
        head += "\r\n"
        try send(Array(head.utf8) + payload + extraAfterBody)
        return try readResponse()
    }

    func readResponse() throws -> Response {
        var (status, headers) = try readHead()
        while status == 100 { (status, headers) = try readHead() }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard try fill() else { throw ClientError(description: "connection closed inside the body") }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// Reads one response head only (e.g. `100 Continue`) and returns its status.
    func readInterim() throws -> Int { try readHead().0 }

    private func readHead() throws -> (Int, [String: String]) {
        let headEnd = try readUntil(Array("\r\n\r\n".utf8))
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(headText)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return (status, headers)
    }

    /// True when the server closed the connection (read returns 0 or fails).
    func isClosedByPeer() -> Bool {
        (try? fill()) != true
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        while true {
            if buffer.count >= marker.count {
                for index in 0...(buffer.count - marker.count)
                where Array(buffer[index..<(index + marker.count)]) == marker {
                    return index
                }
            }
            guard try fill() else { throw ClientError(description: "connection closed before a full response head") }
        }
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw ClientError(description: "recv failed: errno \(errno)") }
        if count == 0 { return false }
        buffer += chunk[..<count]
        return true
    }
}
