import Foundation
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// An HTTP/1.1 listener: Hummingbird's HTTP/1 server on SwiftNIO's event loops, HTTPS through NIOSSL, with the
/// simulator's limits (connections, head deadline, header and body sizes) and its handlers, which keep their simple
/// synchronous shape: each request's body is spooled to a file first, and the handler runs off the cooperative
/// threads (``HTTPResponder``).
///
/// Start with ``start()``, stop with ``stop()``. Both block the calling thread until done; the server itself runs
/// on NIO's threads and Swift's cooperative pool, so they must not be called from a thread the server needs (an
/// event loop). A server runs once: create a new one to listen again.
public final class HTTPServer: Sendable {
    private struct Running: Sendable {
        let server: Server<HTTPServerChannel>
        let task: Task<Void, Never>
        let registry: ConnectionRegistry
    }

    /// How long ``stop()`` waits for requests in flight before it closes their connections.
    static let stopGraceSeconds = 10

    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPHandler
    private let tls: NIOSSLContext?
    private let logger: Logger
    private let state = Locked<Running?>(nil)

    public convenience init(configuration: HTTPServerConfiguration, handler: any HTTPHandler, logger: Logger) {
        self.init(configuration: configuration, handler: handler, tls: nil, logger: logger)
    }

    init(configuration: HTTPServerConfiguration, handler: any HTTPHandler, tls: NIOSSLContext?, logger: Logger) {
        self.configuration = configuration
        self.handler = handler
        self.tls = tls
        self.logger = logger
    }

    /// Binds, listens and returns the bound port (the kernel's choice for port 0) once connections are accepted.
    @discardableResult
    public func start() throws -> Int {
        guard (0...65535).contains(configuration.port) else { throw HTTPServerError.invalidPort(configuration.port) }
        try FileManager.default.createDirectory(
            atPath: configuration.spoolDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let registry = ConnectionRegistry(limit: configuration.maximumConnections)
        let bound = StartSignal()
        let server = Server(
            childChannelSetup: makeChildChannel(registry: registry),
            configuration: ServerConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in bound.succeed(channel.localAddress?.port ?? 0) },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: hummingbirdLogger)
        try state.withLock { state in
            guard state == nil else { throw HTTPServerError.alreadyStarted }
            let task = Task {
                do {
                    try await server.run()
                    bound.fail(HTTPServerError.stoppedBeforeListening)
                } catch {
                    bound.fail(error)
                }
            }
            state = Running(server: server, task: task, registry: registry)
        }
        let port: Int
        do {
            port = try bound.wait()
        } catch {
            stop()
            throw HTTPServerError.cannotListen(
                host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        logger.info("listening", metadata: ["address": "\(configuration.host)", "port": "\(port)"])
        return port
    }

    /// Stops accepting, closes idle connections, lets requests in flight finish (for up to
    /// ``stopGraceSeconds``, then closes their connections too) and returns once every connection is closed, or
    /// after twice ``stopGraceSeconds`` at the latest.
    public func stop() {
        guard let running = state.withLock({ $0 }) else { return }
        let stopped = DispatchSemaphore(value: 0)
        Task {
            await running.task.value
            stopped.signal()
        }
        Task { try? await running.server.shutdownGracefully() }
        if stopped.wait(timeout: .now() + .seconds(Self.stopGraceSeconds)) == .timedOut {
            logger.warning(
                "closing \(running.registry.count) connections still busy \(Self.stopGraceSeconds) s after the stop")
            running.registry.closeAll()
            // A handler still blocked (a long delay fault) keeps its task: give up waiting, as a stop must end.
            if stopped.wait(timeout: .now() + .seconds(Self.stopGraceSeconds)) == .timedOut {
                logger.warning("some requests were still being handled \(2 * Self.stopGraceSeconds) s after the stop")
            }
        }
    }

    private func makeChildChannel(registry: ConnectionRegistry) -> HTTPServerChannel {
        let responder = HTTPResponder(
            handler: handler,
            spool: RequestBodySpool(
                directory: configuration.spoolDirectory, maximumBytes: configuration.maximumBodyBytes),
            logger: logger)
        let configuration = configuration
        let logger = logger
        let limits = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: configuration.maximumHeaderBytes, maxHeaderListSize: configuration.maximumHeaderBytes,
            maxHeaderFieldCount: 256)
        let http1 = HTTP1Channel(
            responder: { request, writer, channel in
                try await responder.respond(to: request, writer: writer, channel: channel)
            },
            configuration: .init(
                additionalChannelHandlers: [
                    ParseErrorResponder(maximumHeaderBytes: configuration.maximumHeaderBytes, logger: logger),
                    RequestHeadDeadlineHandler(
                        timeout: .nanoseconds(Int64(configuration.requestHeadTimeoutSeconds * 1_000_000_000))),
                    CloseAfterResponseHandler(),
                ],
                idleTimeout: .seconds(Int64(configuration.readTimeoutSeconds)), httpDecoderConfiguration: limits))
        return HTTPServerChannel(http1: http1, tls: tls, registry: registry, logger: logger)
    }

    /// Hummingbird's own messages ("Server started", per-connection traces) are left out below notice level: the
    /// simulator logs what matters itself.
    private var hummingbirdLogger: Logger {
        var quieter = logger
        quieter.logLevel = max(logger.logLevel, .notice)
        return quieter
    }
}
