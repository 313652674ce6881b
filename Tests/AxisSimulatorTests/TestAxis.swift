import AxisProtocol
import AxisSimulator
import Foundation

/// An in-process simulator on loopback port 0 with three registered systems, plus a signed-request helper.
final class TestAxis: Sendable {
    static let saas = AxisCredentials(systemId: "vxp.saas.03", secret: String(repeating: "s", count: 44))
    static let ngheAn = AxisCredentials(systemId: "00.41.W00", secret: String(repeating: "n", count: 43) + "=")
    static let government = AxisCredentials(systemId: "00.22.W00", secret: String(repeating: "g", count: 43) + "=")
    static let ngheAnCode = "000.00.00.H41"
    static let governmentCode = "000.00.00.G22"

    let directory: URL
    let ownsDirectory: Bool
    let simulator: AxisSimulator
    let ports: AxisSimulator.Ports

    /// Starts a simulator on a fresh temp directory, or on `directory` (to test restarts).
    init(
        directory existing: URL? = nil, maximumBodyBytes: Int64 = 1 << 30, maximumConnections: Int = 64,
        faults: AxisFaultInjector = NoFaults(), tls: AxisTLSConfiguration? = nil, appendTraceHeader: Bool = true,
        traceOrganId: String? = nil, extraAgencies: [String] = [], clockOffsetSeconds: Int = 0,
        requestHeadTimeoutSeconds: Double = 60
    ) throws {
        ownsDirectory = existing == nil
        directory =
            existing
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("axis-sim-test-\(UUID().uuidString)")
        var configuration = AxisSimulatorConfiguration(
            dataDirectory: directory.appendingPathComponent("data").path,
            maximumBodyBytes: maximumBodyBytes, maximumConnections: maximumConnections,
            systems: [
                .init(systemId: Self.saas.systemId, secret: Self.saas.secret, agencies: ["vxp.saas.03"]),
                .init(systemId: Self.ngheAn.systemId, secret: Self.ngheAn.secret, agencies: [Self.ngheAnCode]),
                .init(
                    systemId: Self.government.systemId, secret: Self.government.secret,
                    agencies: [Self.governmentCode]),
            ],
            agencies: [
                .init(code: "vxp.saas.03", name: "VXP SaaS 03"),
                .init(code: Self.ngheAnCode, name: "UBND Tinh Nghe An", email: "nghean@example.vn"),
                .init(code: Self.governmentCode, name: "Van phong Chinh phu"),
            ] + extraAgencies.map { .init(code: $0) }, tls: tls, appendTraceHeader: appendTraceHeader,
            traceOrganId: traceOrganId)
        configuration.clockOffsetSeconds = clockOffsetSeconds
        configuration.requestHeadTimeoutSeconds = requestHeadTimeoutSeconds
        do {
            simulator = try AxisSimulator(configuration: configuration, faults: faults)
            ports = try simulator.start()
        } catch {
            if existing == nil { try? FileManager.default.removeItem(at: directory) }
            throw error
        }
    }

    /// Stops the server; removes the temp directory unless `keepData`.
    func shutdown(keepData: Bool = false) {
        simulator.stop()
        if ownsDirectory, !keepData { try? FileManager.default.removeItem(at: directory) }
    }

    func removeDirectory() { try? FileManager.default.removeItem(at: directory) }

    /// Signs and sends one axis call on a new connection.
    func call(
        _ method: AxisMethod, parameters: [(name: String, value: String)] = [],
        credentials: AxisCredentials = TestAxis.saas, body: [UInt8]? = nil, chunkSizes: [Int]? = nil,
        path: String? = nil, tamper: ((inout [(name: String, value: String)]) -> Void)? = nil
    ) throws -> TestHTTPClient.Response {
        var headers = try SignedHeaders.make(
            parameters: parameters,
            contentType: body == nil ? "application/json" : "application/octet-stream",
            credentials: credentials, now: Date())
        tamper?(&headers)
        let client = try TestHTTPClient(port: ports.axis)
        return try client.request(
            method: method.httpMethod, path: path ?? "/XrdAdapter/adapter/\(method.rawValue)", headers: headers,
            body: body, chunkSizes: chunkSizes)
    }

    /// sendEdoc with a correct `hash-file` unless one is given.
    func send(
        _ envelope: [UInt8], from: String, messageType: String = "edoc", credentials: AxisCredentials = TestAxis.saas,
        hashFile: String? = nil, chunkSizes: [Int]? = nil
    ) throws -> TestHTTPClient.Response {
        try call(
            .sendEdoc,
            parameters: [
                ("from", from), ("servicetype", "eDoc"), ("messagetype", messageType),
                ("hash-file", hashFile ?? HashFile.value(ofBytes: envelope)),
            ],
            credentials: credentials, body: envelope, chunkSizes: chunkSizes)
    }

    func received(_ credentials: AxisCredentials = TestAxis.saas, messageType: String = "edoc") throws -> [[String:
        Any]]
    {
        let reply = try call(
            .getReceivedEdocList, parameters: [("servicetype", "eDoc"), ("messagetype", messageType)],
            credentials: credentials)
        return reply.json["data"] as? [[String: Any]] ?? []
    }

    /// One request to the admin listener, with a JSON body when given.
    func admin(_ method: String, _ path: String, json: String? = nil) throws -> TestHTTPClient.Response {
        let client = try TestHTTPClient(port: ports.admin)
        return try client.request(
            method: method, path: path, headers: json == nil ? [] : [("Content-Type", "application/json")],
            body: json.map { Array($0.utf8) })
    }

    func adminStats() throws -> [String: Any] {
        let client = try TestHTTPClient(port: ports.admin)
        return try client.request(method: "GET", path: "/admin/stats", headers: []).json
    }
}
