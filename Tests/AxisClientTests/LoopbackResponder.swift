import Foundation

/// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel) that records each request and plays the next
/// canned reply. One connection at a time with `Connection: close`; with `keepAlive`, each connection is served on
/// its own thread until the client closes it. Counts accepted TCP connections, to measure connection reuse.
final class LoopbackResponder: @unchecked Sendable {
    enum Reply: Sendable {
        case respond(status: Int, contentType: String = "application/json", body: [UInt8])
        /// Announces `declaredLength` bytes, sends `body` (shorter), then closes: a reply cut off mid-transfer.
        case cutOff(status: Int, contentType: String = "application/json", body: [UInt8], declaredLength: Int)
        /// Reads the whole request, then resets the connection (RST) without answering.
        case resetAfterBody
        /// Reads the whole request, then closes cleanly without answering (an empty reply).
        case closeAfterBody
        /// Waits before playing `reply` (a slow axis).
        indirect case delayed(milliseconds: Int, Reply)

        static func json(_ text: String, status: Int = 200) -> Reply {
            .respond(status: status, body: Array(text.utf8))
        }
    }

    struct Request {
        let method: String
        let path: String
        /// Header names lowercased; a repeated header keeps its first value.
        let headers: [String: String]
        let body: [UInt8]
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    let port: UInt16
    let keepAlive: Bool
    private let listener: Int32
    private let lock = NSLock()
    private var pending: [Reply]
    private var recorded: [Request] = []
    private var accepted = 0
    private var open: Set<Int32> = []
    private let finished = DispatchSemaphore(value: 0)

    init(_ replies: [Reply], keepAlive: Bool = false) throws {
        pending = replies
        self.keepAlive = keepAlive
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw SetupError(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw SetupError(description: "bind/listen: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)/XrdAdapter/adapter" }

    var requests: [Request] { lock.withLock { recorded } }

    /// TCP connections accepted so far.
    var acceptedConnections: Int { lock.withLock { accepted } }

    /// Stops accepting and waits for the serving thread to end.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        lock.withLock {
            for connection in open { shutdown(connection, Int32(SHUT_RDWR)) }
        }
        finished.wait()
        close(listener)
    }

    private func serve() {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.withLock {
                accepted += 1
                open.insert(connection)
            }
            if keepAlive {
                Thread { [self] in serveConnection(connection) }.start()
            } else {
                serveConnection(connection)
            }
        }
    }

    private func serveConnection(_ connection: Int32) {
        // Forget the descriptor before handle() closes it, so stop() never shuts down a reused number.
        handle(connection) { lock.withLock { _ = open.remove(connection) } }
    }

    private func handle(_ connection: Int32, beforeClose: () -> Void) {
        // A kept-alive connection may sit idle between calls for long on a loaded machine; stop() ends it anyway.
        var timeout = timeval(tv_sec: keepAlive ? 120 : 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        repeat {
            guard let request = readRequest(connection) else {
                beforeClose()
                close(connection)
                return
            }
            let reply: Reply = lock.withLock {
                recorded.append(request)
                return pending.isEmpty ? .respond(status: 500, body: Array("no canned reply left".utf8))
                    : pending.removeFirst()
            }
            guard case .respond = reply, keepAlive else {
                beforeClose()
                play(reply, on: connection)
                return
            }
            respond(reply, on: connection)
        } while true
    }

    /// Writes a canned response and leaves the connection open (keep-alive).
    private func respond(_ reply: Reply, on connection: Int32) {
        guard case .respond(let status, let contentType, let body) = reply else { return }
        let head = "HTTP/1.1 \(status) Canned\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
            + "Connection: keep-alive\r\n\r\n"
        writeAll(connection, Array(head.utf8) + body)
    }

    private func play(_ reply: Reply, on connection: Int32) {
        switch reply {
        case .delayed(let milliseconds, let next):
            // Wait, but give up as soon as the client hangs up (an aborted transfer), so a test of
            // cancellation does not sit out the whole delay.
            var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, Int32(milliseconds)) > 0 {
                var byte: UInt8 = 0
                if recv(connection, &byte, 1, Int32(MSG_PEEK)) <= 0 {
                    close(connection)
                    return
                }
            }
            play(next, on: connection)
        case .respond(let status, let contentType, let body):
            let head = "HTTP/1.1 \(status) Canned\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
                + "Connection: close\r\n\r\n"
            writeAll(connection, Array(head.utf8) + body)
            close(connection)
        case .cutOff(let status, let contentType, let body, let declaredLength):
            let head = "HTTP/1.1 \(status) Canned\r\nContent-Type: \(contentType)\r\n"
                + "Content-Length: \(declaredLength)\r\nConnection: close\r\n\r\n"
            writeAll(connection, Array(head.utf8) + body)
            close(connection)
        case .resetAfterBody:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(connection)
        case .closeAfterBody:
            close(connection)
        }
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var headEnd: Int?
        while headEnd == nil {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if headers[name] == nil { headers[name] = value }
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(buffer[(headEnd + 4)...])
        while body.count < length {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            body += chunk[0..<count]
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
    }

    private func writeAll(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return }
            offset += count
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { start in
            haystack[start..<start + needle.count].elementsEqual(needle)
        }
    }
}
