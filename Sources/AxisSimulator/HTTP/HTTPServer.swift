import Foundation
import Logging

/// A small HTTP/1.1 server on POSIX sockets: one thread per connection (bounded), keep-alive,
/// Content-Length and chunked bodies spooled to files, responses from memory or streamed from files.
/// With a ``TLSContext`` it speaks HTTPS: each connection's handshake runs on that connection's own thread, so a
/// slow or hostile client cannot stall the accept loop; a failed handshake is logged and the connection closed.
///
/// Start with ``start()``, stop with ``stop()``; `stop` closes the listener, interrupts open connections and
/// waits for their threads. A server runs once: create a new one to listen again.
public final class HTTPServer: Sendable {
    private struct State {
        var listener: TCPListener?
        var acceptThreadDone: DispatchSemaphore?
        var connections: [ObjectIdentifier: TCPConnection] = [:]
        var stopping = false
    }

    public let configuration: HTTPServerConfiguration
    private let handler: HTTPHandler
    private let tls: TLSContext?
    private let logger: Logger
    private let state = Locked(State())
    private let connectionThreads = DispatchGroup()

    public convenience init(configuration: HTTPServerConfiguration, handler: HTTPHandler, logger: Logger) {
        self.init(configuration: configuration, handler: handler, tls: nil, logger: logger)
    }

    init(configuration: HTTPServerConfiguration, handler: HTTPHandler, tls: TLSContext?, logger: Logger) {
        self.configuration = configuration
        self.handler = handler
        self.tls = tls
        self.logger = logger
    }

    /// The bound port, once started.
    public var port: Int? { state.withLock { $0.listener?.port } }

    /// Binds, listens and starts accepting on a background thread. Returns the bound port.
    @discardableResult
    public func start() throws -> Int {
        try FileManager.default.createDirectory(
            atPath: configuration.spoolDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let listener = try TCPListener.bind(host: configuration.host, port: configuration.port)
        let done = DispatchSemaphore(value: 0)
        try state.withLock { state in
            guard state.listener == nil else { throw HTTPServerError.alreadyStarted }
            state.listener = listener
            state.acceptThreadDone = done
        }
        let thread = Thread { [self] in
            acceptLoop(listener)
            done.signal()
        }
        thread.name = "http-accept-\(listener.port)"
        thread.start()
        logger.info("listening", metadata: ["address": "\(configuration.host)", "port": "\(listener.port)"])
        return listener.port
    }

    /// Stops accepting, interrupts every open connection and waits (up to 10 s) for their threads to end.
    public func stop() {
        let (listener, done, open) = state.withLock { state in
            state.stopping = true
            defer {
                state.listener = nil
                state.acceptThreadDone = nil
            }
            return (state.listener, state.acceptThreadDone, Array(state.connections.values))
        }
        guard let listener else { return }
        done?.wait()
        listener.close()
        for connection in open { connection.interrupt() }
        if connectionThreads.wait(timeout: .now() + 10) == .timedOut {
            logger.warning("some connections did not finish within 10 s of shutdown")
        }
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func acceptLoop(_ listener: TCPListener) {
        while !isStopping {
            let connection: TCPConnection?
            do {
                connection = try listener.accept(
                    timeoutMilliseconds: 100, readTimeoutSeconds: configuration.readTimeoutSeconds)
            } catch {
                logger.error("accept failed: \(error)")
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            guard let connection else { continue }
            admit(connection)
        }
    }

    /// The connection itself for plain HTTP, its TLS stream after a successful handshake, nil after a failed one.
    private func secure(_ connection: TCPConnection) -> HTTPByteStream? {
        guard let tls else { return connection }
        do {
            return try tls.accept(connection)
        } catch {
            logger.notice("\(error)", metadata: ["peer": "\(connection.peer)"])
            return nil
        }
    }

    private func admit(_ connection: TCPConnection) {
        let key = ObjectIdentifier(connection)
        let admitted = state.withLock { state -> Bool in
            guard !state.stopping, state.connections.count < configuration.maximumConnections else { return false }
            state.connections[key] = connection
            return true
        }
        guard admitted else {
            logger.warning(
                "refusing connection: \(configuration.maximumConnections) already open",
                metadata: ["peer": "\(connection.peer)"])
            // A TLS client would read a plain-text refusal as garbage; it just sees the connection close.
            if tls == nil { HTTPConnectionLoop.writeRefusal(to: connection) }
            connection.close()
            return
        }
        connectionThreads.enter()
        let thread = Thread { [self] in
            if let stream = secure(connection) {
                let loop = HTTPConnectionLoop(
                    stream: stream, peer: connection.peer, configuration: configuration, handler: handler,
                    logger: logger)
                loop.run()
                stream.close()
            }
            connection.close()
            _ = state.withLock { $0.connections.removeValue(forKey: key) }
            connectionThreads.leave()
        }
        thread.name = "http-connection"
        thread.start()
    }
}
