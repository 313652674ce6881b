import ArgumentParser
import Config
import Daemon
import Logging
import ServiceLifecycle
import StatusPage
import Systemd

/// `lienthong run`: the daemon in the foreground, as systemd runs it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon in the foreground (systemd runs this).")

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try options.load()
        JournalLogHandler.bootstrap(level: Logger.Level(rawValue: config.logLevel) ?? .info)
        let logger = Logger(label: "lienthong")
        let metrics = config.statusPage.listen == nil ? nil : StatusPageMetrics()
        let daemon = LienthongDaemon(
            configPath: options.config, config: config, logger: logger, metrics: metrics?.documents)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if let listen = config.statusPage.listen, let metrics {
            // The page is not the daemon's work: if it stops (its port taken), the daemon goes on.
            let page = StatusPageService(
                configuration: StatusPageConfiguration(listen: listen), source: daemon, metrics: metrics,
                logger: logger)
            services.append(
                .init(service: page, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("lienthong stopped on an error: \(error)")
            throw ExitCode.failure
        }
    }
}
