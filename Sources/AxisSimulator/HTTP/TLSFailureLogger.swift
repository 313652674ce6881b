import Logging
import NIOCore
import NIOSSL

/// Logs why a TLS connection failed (a handshake refused for a missing or foreign client certificate, a plain-HTTP
/// client on the TLS port), once per connection, at notice level: the one clue an administrator has when a client
/// says "connection reset". The error then goes on its way; NIOSSL has already closed or will close the connection.
final class TLSFailureLogger: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let logger: Logger
    private var logged = false

    init(logger: Logger) { self.logger = logger }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !logged, error is NIOSSLError || error is BoringSSLError {
            logged = true
            logger.notice(
                "TLS with \(context.channel.remoteAddress.map { "\($0)" } ?? "?") failed: \(error)")
        }
        context.fireErrorCaught(error)
    }
}
