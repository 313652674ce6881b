import Glibc
import NIOCore
import NIOSSL

/// Ends a connection without a reply, for fault injection: a plain close, or a reset (TCP RST).
enum ConnectionAbort {
    /// Closes the connection as a server that lost the reply would: a FIN (after TLS's close_notify).
    static func drop(_ channel: any Channel) async {
        try? await channel.close()
    }

    /// Resets the connection: `SO_LINGER` 0, then a close that starts beneath TLS, so no close_notify is sent first
    /// and the client's next read fails with `ECONNRESET` instead of seeing an orderly end.
    static func reset(_ channel: any Channel) async {
        if let socket = channel as? any SocketOptionProvider {
            try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        let closed = channel.eventLoop.submit {
            // A close from the TLS handler's context goes straight to the socket, skipping NIOSSL itself.
            if let tls = try? channel.pipeline.syncOperations.context(handlerType: NIOSSLServerHandler.self) {
                tls.close(promise: nil)
            } else {
                channel.close(promise: nil)
            }
        }
        try? await closed.get()
        try? await channel.closeFuture.get()
    }
}
