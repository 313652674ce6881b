import Foundation

/// A provincial connection centre: one real `lienthong run` serving three agencies (``served``) under one system id,
/// beside the demo's agency A (sender) and a real `lienthong-axis`. The axis registers a fourth code under the same
/// system id (``unserved``) that the centre's configuration does not serve, as when an agency is missing from it.
final class ConnectionCentre {
    static let systemId = "00.41.W00"
    static let served = ["000.01.00.H41", "000.02.00.H41", "000.03.00.H41"]
    static let unserved = "000.04.00.H41"

    let world: TwoAgencies
    private(set) var daemon: ChildProcess?

    var home: String { world.root + "/centre" }
    var config: String { home + "/lienthong.yaml" }
    func share(_ code: String) -> String { home + "/share-" + code }

    init() throws {
        world = try TwoAgencies()
        let manager = FileManager.default
        try manager.createDirectory(atPath: home + "/state", withIntermediateDirectories: true)
        let secret = Data((0..<33).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        for path in [home + "/axis-secret", world.root + "/axis/secret-centre.txt"] {
            guard manager.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
            else { throw IntegrationError("cannot write \(path)") }
        }
        let axisConfig = world.root + "/axis/axis.yaml"
        var axisYAML = try String(contentsOfFile: axisConfig, encoding: .utf8)
        let codes = (Self.served + [Self.unserved]).map { "\"\($0)\"" }.joined(separator: ", ")
        axisYAML = axisYAML.replacingOccurrences(
            of: "\nsystems:\n",
            with: "\nsystems:\n  - system_id: \"\(Self.systemId)\"\n"
                + "    secret_file: \"\(world.root)/axis/secret-centre.txt\"\n    agencies: [\(codes)]\n")
        axisYAML = axisYAML.replacingOccurrences(
            of: "\nagencies:\n",
            with: "\nagencies:\n" + (Self.served + [Self.unserved]).map { "  - code: \"\($0)\"\n" }.joined())
        try axisYAML.write(toFile: axisConfig, atomically: true, encoding: .utf8)
        try centreYAML().write(toFile: config, atomically: true, encoding: .utf8)
    }

    deinit { daemon?.stop() }

    /// Agency B's demo configuration with the centre's system id, secret and state, serving the three agencies.
    private func centreYAML() throws -> String {
        let yamlB = try String(contentsOfFile: world.config(TwoAgencies.codeB), encoding: .utf8)
        let homeB = world.home(TwoAgencies.codeB)
        var common = String(yamlB[..<yamlB.range(of: "\nagencies:\n")!.lowerBound])
        common = common.replacingOccurrences(
            of: "system_id: \"\(TwoAgencies.codeB)\"", with: "system_id: \"\(Self.systemId)\"")
        common = common.replacingOccurrences(of: homeB + "/state", with: home + "/state")
        common = common.replacingOccurrences(of: homeB + "/axis-secret", with: home + "/axis-secret")
        let agencies = Self.served.map { code in
            """
              - code: "\(code)"
                name: "Co quan \(code)"
                folders:
                  root: "\(share(code))"
                filename_pattern: "{number}_{subject}"
                watch:
                  settle_time: 1s
                  poll_interval: 2s
                defaults:
                  recipients: ["\(TwoAgencies.codeA)"]
                  code_notation: "TT"

            """
        }
        return common + "\nagencies:\n" + agencies.joined()
    }

    func start() throws {
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        daemon = try ChildProcess(
            name: "lienthong centre", executable: world.lienthong, arguments: ["run", "--config", config],
            logPath: home + "/lienthong-\(UUID().uuidString.prefix(8)).log")
    }

    /// The inbox folders of `code` holding a document, relative to its inbox (`<sender>/<date>_<number>-DEMO/`).
    func documents(of code: String) -> [String] {
        world.files(under: share(code) + "/inbox").filter { $0.hasSuffix("/document.json") }
            .map { String($0.dropLast("document.json".count)) }
    }

    var logs: String { world.logs + "\n--- \(daemon?.name ?? "centre")\n\(daemon?.log ?? "")" }
}
