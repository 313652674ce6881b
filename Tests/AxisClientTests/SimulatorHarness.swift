import AxisClient
import AxisProtocol
import AxisSimulator
import Foundation
import Logging

/// An in-process `lienthong-axis` on loopback port 0, in a fresh temporary directory, and clients for it.
final class SimulatorHarness {
    let directory: TemporaryDirectory
    let simulator: AxisSimulator
    let ports: AxisSimulator.Ports
    let configuration: AxisSimulatorConfiguration

    /// A 44-character secret for `systemId`, different for every system.
    static func secret(for systemId: String) -> String {
        let base = Array((systemId + "-secret-" + String(repeating: "x", count: 44)).utf8.prefix(44))
        return String(decoding: base, as: UTF8.self)
    }

    static func credentials(_ systemId: String) -> AxisCredentials {
        AxisCredentials(systemId: systemId, secret: secret(for: systemId))
    }

    /// - Parameters:
    ///   - systems: system id → the agencies it may send for.
    ///   - agencies: further agency codes the axis knows (recipients).
    init(
        systems: [String: [String]], agencies: [String] = [], tls: AxisTLSConfiguration? = nil,
        appendTraceHeader: Bool = false
    ) throws {
        directory = try TemporaryDirectory()
        let registered = systems.keys.sorted().map { systemId in
            AxisSimulatorConfiguration.System(
                systemId: systemId, secret: Self.secret(for: systemId), agencies: systems[systemId] ?? [])
        }
        let known = Set(agencies).union(systems.values.joined()).sorted()
        configuration = AxisSimulatorConfiguration(
            basePath: "/XrdAdapter/adapter", dataDirectory: directory.path("data"), systems: registered,
            agencies: known.map { AxisSimulatorConfiguration.Agency(code: $0, name: "Agency \($0)") }, tls: tls,
            appendTraceHeader: appendTraceHeader)
        do {
            simulator = try AxisSimulator(configuration: configuration)
            ports = try simulator.start()
        } catch {
            directory.remove()
            throw error
        }
    }

    func shutdown() {
        simulator.stop()
        directory.remove()
    }

    var httpURL: String { "http://127.0.0.1:\(ports.axis)/XrdAdapter/adapter" }
    var httpsURL: String { "https://127.0.0.1:\(ports.axis)/XrdAdapter/adapter" }

    /// A client over plain http for `systemId`.
    func client(_ systemId: String, secret: String? = nil) throws -> AxisClient {
        let endpoint = try AxisEndpoint(
            baseURL: httpURL, allowPlainHTTP: true, connectTimeout: .seconds(5), requestTimeout: .seconds(10))
        return client(systemId, secret: secret, endpoint: endpoint)
    }

    func client(_ systemId: String, secret: String? = nil, endpoint: AxisEndpoint) -> AxisClient {
        let credentials = AxisCredentials(systemId: systemId, secret: secret ?? Self.secret(for: systemId))
        return AxisClient(endpoint: endpoint, credentials: credentials, logger: Logger(label: "harness"))
    }

    /// The envelope bytes the simulator stored for `docId`.
    func storedEnvelope(_ docId: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory.path("data/envelopes/\(docId).edxml"))))
    }
}
