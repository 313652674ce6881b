import Foundation
import Logging
import SystemSupport

/// Serves requests on one connection until the client closes it, asks to, or breaks the protocol.
struct HTTPConnectionLoop {
    let stream: HTTPByteStream
    let peer: String
    let configuration: HTTPServerConfiguration
    let handler: HTTPHandler
    let logger: Logger

    func run() {
        let input = HTTPInputBuffer(stream: stream)
        let spool = HTTPBodySpool(
            directory: configuration.spoolDirectory, maximumBytes: configuration.maximumBodyBytes)
        while true {
            let head: HTTPRequestHead
            do {
                guard
                    let next = try HTTPParser.readHead(
                        from: input, maximumBytes: configuration.maximumHeaderBytes)
                else { return }
                head = next
            } catch let error as HTTPError {
                if error != .timedOut { reject(error) }
                return
            } catch {
                return
            }

            var body = HTTPRequestBody.empty
            do {
                let framing = try head.bodyFraming()
                if framing != .none, head.expectsContinue {
                    try stream.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
                body = try spool.readBody(framing: framing, from: input)
            } catch let error as HTTPError {
                reject(error)
                return
            } catch {
                logger.warning("reading a request body failed: \(error)", metadata: ["peer": "\(peer)"])
                reject(.unexpectedEndOfStream)
                return
            }
            // A CRLF after a Content-Length body (the axis SDK writes one) must not start a bogus request.
            input.skipBufferedEmptyLine()

            let request = HTTPRequest(
                method: head.method, target: head.target, version: head.version, headers: head.headers, body: body)
            let response = handler.handle(request)
            if case .file(let path, _) = body { unlink(path) }
            guard !response.dropsConnection else {
                response.body.discard()
                if response.resetsConnection { stream.resetConnection() }
                return
            }

            let keepAlive = head.keepAlive
            do {
                try write(response, keepAlive: keepAlive, headOnly: head.method == "HEAD")
            } catch {
                logger.debug("writing a response failed: \(error)", metadata: ["peer": "\(peer)"])
                return
            }
            guard keepAlive else { return }
        }
    }

    private func reject(_ error: HTTPError) {
        logger.notice("rejecting request: \(error)", metadata: ["peer": "\(peer)"])
        try? write(.text(error.description, status: error.statusCode), keepAlive: false, headOnly: false)
    }

    /// Writes the status line, headers and body. File bodies are streamed in 64 KiB chunks, produced bodies as they
    /// are produced; either must come to exactly the announced length.
    func write(_ response: HTTPResponse, keepAlive: Bool, headOnly: Bool) throws {
        var file: FileDescriptor?
        let length: Int64
        defer { response.body.discard() }
        switch response.body {
        case .bytes(let bytes):
            length = Int64(bytes.count)
        case .file(let path, _):
            let (opened, status) = try FileDescriptor.openForReading(path)
            file = opened
            length = status.size
        case .stream(let producer):
            length = producer.length
        }

        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers
        where !["content-length", "connection", "transfer-encoding"].contains(name.lowercased()) {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(length)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        try stream.write(Array(head.utf8))
        guard !headOnly else { return }

        var sent: Int64 = 0
        switch response.body {
        case .bytes(let bytes):
            try stream.write(bytes)
            return
        case .file:
            try file?.forEachChunk(limit: length) { chunk in
                try stream.write(chunk)
                sent += Int64(chunk.count)
            }
        case .stream(let producer):
            try producer.produce { chunk in
                guard sent + Int64(chunk.count) <= length else { throw HTTPError.unexpectedEndOfStream }
                try stream.write(chunk)
                sent += Int64(chunk.count)
            }
        }
        // A body that came out short would leave the client waiting for bytes that never come.
        guard sent == length else { throw HTTPError.unexpectedEndOfStream }
    }

    /// Answers 503 on a connection the server has no room for.
    static func writeRefusal(to stream: HTTPByteStream) {
        let body = "too many connections; retry later\n"
        let text =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Retry-After: 1\r\nConnection: close\r\n\r\n\(body)"
        try? stream.write(Array(text.utf8))
    }
}
