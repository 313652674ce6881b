import AxisClient
import AxisProtocol
import AxisSimulator
import Logging

/// An in-process lienthong-axis on loopback port 0 with two registered systems, one sending agency each way, and
/// the clients that call it. The axis appends no TraceHeader, so what is downloaded must equal what was sent.
final class BenchmarkAxis {
    static let senderCode = "000.00.00.H41"
    static let recipientCode = "000.00.00.G22"
    private static let sender = AxisCredentials(systemId: "00.41.W00", secret: String(repeating: "n", count: 44))
    private static let recipient = AxisCredentials(systemId: "00.22.W00", secret: String(repeating: "g", count: 44))

    private let simulator: AxisSimulator
    let senderClient: AxisClient
    let recipientClient: AxisClient

    /// - Parameters:
    ///   - dataDirectory: the simulator's data directory (created).
    ///   - maximumBodyBytes: the largest upload the axis accepts.
    init(dataDirectory: String, maximumBodyBytes: Int64) throws(BenchmarkError) {
        let configuration = AxisSimulatorConfiguration(
            basePath: "/XrdAdapter/adapter", dataDirectory: dataDirectory, maximumBodyBytes: maximumBodyBytes,
            systems: [
                .init(systemId: Self.sender.systemId, secret: Self.sender.secret, agencies: [Self.senderCode]),
                .init(
                    systemId: Self.recipient.systemId, secret: Self.recipient.secret, agencies: [Self.recipientCode]),
            ],
            agencies: [
                .init(code: Self.senderCode, name: "UBND Tinh Nghe An"),
                .init(code: Self.recipientCode, name: "Van phong Chinh phu"),
            ],
            appendTraceHeader: false)
        let ports: AxisSimulator.Ports
        do {
            simulator = try AxisSimulator(configuration: configuration)
            ports = try simulator.start()
        } catch {
            throw .simulator("\(error)")
        }
        let logger = Logger(label: "lienthong-bench") { _ in SwiftLogNoOpLogHandler() }
        do throws(AxisEndpointError) {
            let endpoint = try AxisEndpoint(
                baseURL: "http://127.0.0.1:\(ports.axis)/XrdAdapter/adapter", allowPlainHTTP: true,
                connectTimeout: .seconds(5))
            senderClient = AxisClient(endpoint: endpoint, credentials: Self.sender, logger: logger)
            recipientClient = AxisClient(endpoint: endpoint, credentials: Self.recipient, logger: logger)
        } catch {
            simulator.stop()
            throw .simulator("\(error)")
        }
    }

    func stop() { simulator.stop() }
}
