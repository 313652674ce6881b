import Config
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The status page as a service of the daemon's service group: started with it, stopped with it on SIGTERM
/// (Hummingbird stops accepting, finishes the requests in progress and closes).
///
/// A page that cannot listen (the port taken, say) is reported in the journal and the daemon goes on without it:
/// documents matter more than their dashboard. Give it ``StatusPageMetrics/documents`` as the daemon's metrics so
/// that `/metrics` has the counters and latencies.
public struct StatusPageService: Service {
    private let configuration: StatusPageConfiguration
    private let source: any StatusSource
    private let metrics: StatusPageMetrics
    private let logger: Logger

    public init(
        configuration: StatusPageConfiguration, source: any StatusSource, metrics: StatusPageMetrics, logger: Logger
    ) {
        self.configuration = configuration
        self.source = source
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        let listen = configuration.listen
        let router = StatusPageRouter.make(
            source: source, metrics: metrics, refreshSeconds: configuration.refreshSeconds)
        let headTimeout = configuration.requestHeadTimeout
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderListSize = configuration.maxHeadSize
        decoder.maxHeaderFieldSize = configuration.maxHeadSize
        decoder.maxHeaderFieldCount = 100
        let channel = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestHeadTimeout(timeout: headTimeout)],
            idleTimeout: TimeAmount(configuration.idleTimeout), httpDecoderConfiguration: decoder)
        let logger = self.logger
        let app = Application(
            router: router,
            server: .http1(configuration: channel),
            configuration: .init(
                address: .hostname(listen.host, port: listen.port), serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                let host = listen.host.contains(":") ? "[\(listen.host)]" : listen.host
                logger.notice("status page on http://\(host):\(port)/")
            },
            logger: Self.quiet(logger))
        do {
            try await app.run()
        } catch is CancellationError {
            return
        } catch {
            let advice =
                "documents are not affected. Free the port or change status_page.listen, then restart lienthong"
            logger.error("the status page cannot listen on \(listen): \(error); \(advice)")
        }
    }

    /// Hummingbird logs each request at info level; the daemon's journal is for documents.
    private static func quiet(_ logger: Logger) -> Logger {
        var logger = logger
        if logger.logLevel < .warning { logger.logLevel = .warning }
        return logger
    }
}
