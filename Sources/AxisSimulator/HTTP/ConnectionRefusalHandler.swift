import Logging
import NIOCore

/// Sits first on a connection the listener has no room for: answers `503` at once on plain HTTP (a TLS client would
/// read plain text as garbage, so it just sees the connection close), reads nothing, and closes the connection.
final class ConnectionRefusalHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let body = "too many connections; retry later\n"
    static let response =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n"
        + "Retry-After: 1\r\nConnection: close\r\n\r\n\(body)"

    private let answers: Bool
    private let logger: Logger
    private var done = false

    /// `answers`: write the 503 (plain HTTP) before closing.
    init(answers: Bool, logger: Logger) {
        self.answers = answers
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context: context)
    }

    /// Whatever the client sent is dropped: no handler after this one ever sees it.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    private func refuse(context: ChannelHandlerContext) {
        guard !done else { return }
        done = true
        logger.warning(
            "refusing connection: the connection limit is reached",
            metadata: ["peer": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"])
        guard answers else {
            context.close(promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(
            wrapOutboundOut(context.channel.allocator.buffer(string: Self.response)), promise: written)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
    }
}
