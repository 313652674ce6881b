import Foundation
import Logging

/// The local stand-in for the national axis: the axis HTTP listener, the admin listener, and their storage.
///
/// ```swift
/// let simulator = try AxisSimulator(configuration: configuration, logger: logger)
/// let ports = try simulator.start()   // ports.axis, ports.admin (the kernel's choice for port 0)
/// ...
/// simulator.stop()
/// ```
/// Data lives under ``AxisSimulatorConfiguration/dataDirectory``: `axis.sqlite` (queues), `envelopes/` (stored
/// envelopes), `spool/` (uploads in progress, emptied at start), `axis.lock` (one simulator
/// per data directory, held until ``stop()``).
public final class AxisSimulator: Sendable {
    /// The bound ports.
    public struct Ports: Sendable, Equatable, Codable {
        public let axis: Int
        public let admin: Int

        enum CodingKeys: String, CodingKey {
            case axis = "port"
            case admin = "admin_port"
        }
    }

    public let configuration: AxisSimulatorConfiguration
    /// The fault rules in force; the admin listener's `/admin/faults` edits the same plan.
    public let faultPlan = AxisFaultPlan()
    private let axisServer: HTTPServer
    private let adminServer: HTTPServer
    private let logger: Logger
    /// Held from init until ``stop()``.
    private let directoryLock: Locked<DataDirectoryLock?>

    public init(
        configuration: AxisSimulatorConfiguration, faults: AxisFaultInjector = NoFaults(),
        logger: Logger = Logger(label: "lienthong-axis") { _ in SwiftLogNoOpLogHandler() }
    ) throws {
        self.configuration = configuration
        self.logger = logger
        let data = configuration.dataDirectory
        let spool = (data as NSString).appendingPathComponent("spool")
        try FileManager.default.createDirectory(
            atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        directoryLock = Locked(try DataDirectoryLock(directory: data))
        try? FileManager.default.removeItem(atPath: spool)
        try FileManager.default.createDirectory(
            atPath: spool, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])

        let store = try AxisStore(path: (data as NSString).appendingPathComponent("axis.sqlite"))
        let envelopes = EnvelopeStore(dataDirectory: data)
        try envelopes.prepare()
        let counters = AxisCallCounters()
        let service = AxisService(
            configuration: configuration, store: store, envelopes: envelopes, counters: counters, faults: faults,
            faultPlan: faultPlan, logger: logger)
        axisServer = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.listenAddress, port: configuration.port,
                maximumConnections: configuration.maximumConnections,
                maximumBodyBytes: configuration.maximumBodyBytes, spoolDirectory: spool,
                requestHeadTimeoutSeconds: configuration.requestHeadTimeoutSeconds),
            handler: try TimestampRoute.wrapping(service, configuration: configuration.timestampAuthority),
            tls: try configuration.tls.map { tls throws(TLSError) in try TLSServerContext.make(tls) },
            logger: Self.logger(logger, listener: "axis"))
        adminServer = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.adminAddress, port: configuration.adminPort, maximumConnections: 8,
                maximumBodyBytes: 64 * 1024, spoolDirectory: spool),
            handler: AdminService(store: store, counters: counters, faultPlan: faultPlan, logger: logger),
            logger: Self.logger(logger, listener: "admin"))
    }

    /// Starts both listeners and returns their ports.
    @discardableResult
    public func start() throws -> Ports {
        let axis = try axisServer.start()
        do {
            let admin = try adminServer.start()
            logger.info("axis simulator ready", metadata: ["port": "\(axis)", "admin_port": "\(admin)"])
            return Ports(axis: axis, admin: admin)
        } catch {
            axisServer.stop()
            throw error
        }
    }

    private static func logger(_ base: Logger, listener: String) -> Logger {
        var logger = base
        logger[metadataKey: "listener"] = "\(listener)"
        return logger
    }

    /// Stops both listeners, waiting for requests in flight.
    public func stop() {
        axisServer.stop()
        adminServer.stop()
        directoryLock.withLock { $0 = nil }
    }
}
