import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import SystemSupport

/// Serves one request that Hummingbird has read the head of: checks its framing (before `100 Continue`), spools its
/// body to a file, calls the ``HTTPHandler`` off the cooperative threads, and writes the response, streaming file
/// and produced bodies. A response that drops or resets the connection is carried out here.
struct HTTPResponder: Sendable {
    let handler: any HTTPHandler
    let spool: RequestBodySpool
    let logger: Logger

    func respond(to request: Request, writer: consuming ResponseWriter, channel: any Channel) async throws {
        let peer = channel.remoteAddress.map { "\($0)" } ?? "?"
        let headers = Self.headers(of: request.head)
        let framing: RequestFraming
        do {
            framing = try RequestFraming(headers: headers, maximumBodyBytes: spool.maximumBytes)
        } catch {
            return try await reject(error, peer: peer, writer: writer)
        }
        if framing.hasBody, headers["Expect"]?.lowercased() == "100-continue" {
            try await writer.writeInformationalHead(HTTPTypes.HTTPResponse(status: .continue))
        }

        var body = HTTPRequestBody.empty
        if framing.hasBody {
            do {
                body = try await spool.spool(request.body)
            } catch let error as HTTPError {
                return try await reject(error, peer: peer, writer: writer)
            }
        }
        defer { if case .file(let path, _, _) = body { unlink(path) } }

        let method = request.head.method.rawValue
        let handled = HTTPRequest(
            method: method, target: request.head.path ?? "/", headers: headers, body: body)
        let handler = handler
        let response = await Offload.run { handler.handle(handled) }
        guard !response.dropsConnection else {
            response.body.discard()
            if response.resetsConnection {
                await ConnectionAbort.reset(channel)
            } else {
                await ConnectionAbort.drop(channel)
            }
            return
        }
        let keepAlive = !headers.values("Connection").contains { $0.lowercased().contains("close") }
        do {
            try await write(response, keepAlive: keepAlive, headOnly: method == "HEAD", writer: writer)
        } catch {
            // A body cut short would leave the client waiting for bytes that never come: close instead.
            logger.debug("writing a response failed: \(error)", metadata: ["peer": "\(peer)"])
            try? await channel.close()
        }
    }

    /// Answers a request refused before its handler, and closes the connection after the answer.
    private func reject(_ error: HTTPError, peer: String, writer: consuming ResponseWriter) async throws {
        logger.notice("rejecting request: \(error)", metadata: ["peer": "\(peer)"])
        try await write(
            .text(error.description, status: error.statusCode), keepAlive: false, headOnly: false, writer: writer)
    }

    /// Writes the status line, headers and body, with an exact Content-Length. File and produced bodies are pulled
    /// piece by piece off the cooperative threads, each piece written before the next is read.
    private func write(
        _ response: HTTPResponse, keepAlive: Bool, headOnly: Bool, writer: consuming ResponseWriter
    ) async throws {
        let producer: (any HTTPBodyProducer)?
        switch response.body {
        case .bytes:
            producer = nil
        case .file(let path, let removeAfterSending):
            do {
                producer = try await Offload.run {
                    try FileBodyProducer(path: path, removeAfterSending: removeAfterSending)
                }
            } catch {
                response.body.discard()
                throw error
            }
        case .stream(let stream):
            producer = stream
        }
        defer { producer?.release() }
        var bytes: [UInt8] = []
        if case .bytes(let memory) = response.body { bytes = memory }
        let length = producer?.length ?? Int64(bytes.count)

        var fields = HTTPFields()
        for (name, value) in response.headers
        where !["content-length", "connection", "transfer-encoding"].contains(name.lowercased()) {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        fields[.contentLength] = "\(length)"
        if !keepAlive { fields[.connection] = "close" }
        let status = HTTPTypes.HTTPResponse.Status(
            code: response.status, reasonPhrase: HTTPResponse.reasonPhrase(response.status))
        var body = try await writer.writeHead(HTTPTypes.HTTPResponse(status: status, headerFields: fields))
        if !headOnly {
            if let producer {
                var sent: Int64 = 0
                while let piece = try await Offload.run({ try producer.nextPiece() }) {
                    sent += Int64(piece.count)
                    guard sent <= length else { throw HTTPResponderError.bodyLongerThanAnnounced(length) }
                    if !piece.isEmpty { try await body.write(ByteBuffer(bytes: piece)) }
                }
                guard sent == length else { throw HTTPResponderError.bodyShorterThanAnnounced(length, sent: sent) }
            } else if !bytes.isEmpty {
                try await body.write(ByteBuffer(bytes: bytes))
            }
        }
        try await body.finish(nil)
    }

    /// The request's headers in arrival order, `Host` first (NIO moves it into the authority).
    static func headers(of head: HTTPTypes.HTTPRequest) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let authority = head.authority { headers.add("Host", authority) }
        for field in head.headerFields { headers.add(field.name.rawName, field.value) }
        return headers
    }
}
