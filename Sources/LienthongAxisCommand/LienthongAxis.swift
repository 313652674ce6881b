import ArgumentParser
import AxisSimulator
import Foundation
import LienthongVersion
import Logging
import Systemd

/// `lienthong-axis --config FILE [--port-file PATH]`: runs the local stand-in for the national axis until
/// SIGTERM or SIGINT.
struct LienthongAxis: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lienthong-axis",
        abstract: "A local stand-in for the national document axis (VXP), for demos, tests and training.",
        discussion: """
            Every configuration key is documented in the example etc/lienthong/lienthong-axis.yaml: listeners, \
            systems and secrets, agencies, tls (https with an optional required client certificate) and \
            append_trace_header. A loopback admin listener serves GET /admin/stats, POST /admin/reset-counters \
            and POST/GET/DELETE /admin/faults (fault injection for tests).
            """,
        version: LienthongVersion.current)

    @Option(name: .long, help: "The YAML configuration file.")
    var config: String

    @Option(
        name: .customLong("port-file"),
        help: "Once listening, write {\"port\":N,\"admin_port\":M} here (useful with port 0).")
    var portFile: String?

    @Flag(name: .long, help: "Log debug messages too.")
    var verbose = false

    func run() throws {
        JournalLogHandler.bootstrap(level: verbose ? .debug : .info)
        let logger = Logger(label: "lienthong-axis")

        let configuration: AxisSimulatorConfiguration
        do {
            configuration = try AxisSimulatorConfiguration.load(fromFile: config)
        } catch {
            logger.critical("\(error)")
            throw ExitCode(78)  // EX_CONFIG
        }
        for warning in configuration.warnings { logger.warning("\(warning)") }

        // Block the stop signals in every thread (threads inherit the mask), then wait for them here.
        let signals = SignalWaiter(signals: [SIGTERM, SIGINT])
        let simulator: AxisSimulator
        let ports: AxisSimulator.Ports
        do {
            simulator = try AxisSimulator(configuration: configuration, logger: logger)
            ports = try simulator.start()
        } catch let error as TLSError {
            logger.critical("\(error)")
            throw ExitCode(78)  // EX_CONFIG: the tls: section names unusable files
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        if let portFile {
            do {
                try PortFile.write(ports, to: portFile)
            } catch {
                logger.critical("cannot write the port file \(portFile): \(error)")
                simulator.stop()
                throw ExitCode.failure
            }
        }
        let received = signals.wait()
        logger.notice("received signal \(received); stopping")
        simulator.stop()
        logger.notice("stopped")
    }
}
