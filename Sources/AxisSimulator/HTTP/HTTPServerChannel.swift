import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// How each accepted connection is set up: Hummingbird's HTTP/1 channel, behind TLS when the listener has it, and
/// refused at once when the listener already has its maximum of connections.
///
/// The pipeline, from the socket up: [``ConnectionRefusalHandler`` when over the limit], [NIOSSL, ``TLSFailureLogger``],
/// NIO's HTTP/1 codec, then ``ParseErrorResponder``, ``RequestHeadDeadlineHandler``, ``CloseAfterResponseHandler``
/// and Hummingbird's connection state handler (idle timeout, graceful stop).
struct HTTPServerChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let tls: NIOSSLContext?
    let registry: ConnectionRegistry
    /// For refusals and TLS failures (Hummingbird's own logger, passed to `setup`, is quieter).
    let logger: Logger

    func setup(channel: any Channel, logger hummingbirdLogger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            if !registry.admit(channel) {
                try pipeline.addHandler(ConnectionRefusalHandler(answers: tls == nil, logger: logger))
            }
            if let tls {
                try pipeline.addHandler(NIOSSLServerHandler(context: tls))
                try pipeline.addHandler(TLSFailureLogger(logger: logger))
            }
        }.flatMap {
            http1.setup(channel: channel, logger: hummingbirdLogger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
