import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP decoder could not read, then closes the connection: `431` for a head over the limit,
/// `400` for anything else malformed (bare LF line ends, obsolete line folding, both Content-Length and
/// Transfer-Encoding, a bad chunk size, control characters...). NIO's parser (llhttp) is strict and stops at the
/// first fault, so no later byte of that connection is read as a request.
///
/// Sits after the HTTP decoder and keeps the error from Hummingbird, which would answer a bare `400`.
final class ParseErrorResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let maximumHeaderBytes: Int
    private let logger: Logger
    private var answered = false

    init(maximumHeaderBytes: Int, logger: Logger) {
        self.maximumHeaderBytes = maximumHeaderBytes
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let refusal: HTTPError
        switch error {
        case HTTPParserError.headerOverflow:
            refusal = .headersTooLarge(limit: maximumHeaderBytes)
        case let error as HTTPParserError:
            refusal = .malformed("\(error)")
        default:
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        logger.notice(
            "rejecting request: \(refusal)",
            metadata: ["peer": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"])
        let body = context.channel.allocator.buffer(string: refusal.description + "\n")
        let head = HTTPTypes.HTTPResponse(
            status: .init(code: refusal.statusCode, reasonPhrase: HTTPResponse.reasonPhrase(refusal.statusCode)),
            headerFields: [
                .contentType: "text/plain; charset=utf-8", .contentLength: "\(body.readableBytes)",
                .connection: "close",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
    }
}
