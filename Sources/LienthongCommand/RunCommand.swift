import ArgumentParser
import Config
import Daemon
import Logging
import ServiceLifecycle
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
        let daemon = LienthongDaemon(configPath: options.config, config: config, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)],
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
