import Foundation

/// A real `lienthong-axis` and two real `lienthong run` daemons (agency A = 000.00.00.H41, B = 000.00.00.H26)
/// with their folders under a fresh temporary directory, configured by `lienthong demo --prepare-only`.
final class TwoAgencies {
    static let codeA = "000.00.00.H41"
    static let codeB = "000.00.00.H26"

    let root: String
    let lienthong: String
    private(set) var axis: ChildProcess?
    private(set) var daemons: [String: ChildProcess] = [:]
    private(set) var adminPort = 0

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-it-\(UUID().uuidString)").path
        lienthong = try TestBinaries.path("lienthong")
        let prepared = try runCommand(lienthong, ["demo", "--directory", root, "--prepare-only"])
        guard prepared.status == 0 else { throw IntegrationError("lienthong demo --prepare-only: \(prepared.output)") }
    }

    deinit {
        for daemon in daemons.values { daemon.stop() }
        axis?.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    func home(_ code: String) -> String { root + "/" + (code == Self.codeA ? "agency-a" : "agency-b") }
    func share(_ code: String) -> String { home(code) + "/share" }
    func config(_ code: String) -> String { home(code) + "/lienthong.yaml" }

    func startAxis() throws {
        let portFile = root + "/axis/ports.json"
        try? FileManager.default.removeItem(atPath: portFile)
        axis = try ChildProcess(
            name: "lienthong-axis", executable: try TestBinaries.path("lienthong-axis"),
            arguments: ["--config", root + "/axis/axis.yaml", "--port-file", portFile],
            logPath: root + "/axis/axis-\(UUID().uuidString.prefix(8)).log")
        guard eventually(timeout: 20, { FileManager.default.fileExists(atPath: portFile) }) else {
            throw IntegrationError("lienthong-axis did not start: \(axis?.log ?? "")")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: portFile))
        let ports = try JSONSerialization.jsonObject(with: data) as? [String: Int]
        adminPort = ports?["admin_port"] ?? 0
    }

    /// Stops the axis (SIGTERM) and waits for it to exit.
    func stopAxis() {
        axis?.stop()
    }

    /// Starts `lienthong run` for the agency; `environment` is added to the test's (a failpoint, say).
    @discardableResult
    func startDaemon(_ code: String, environment: [String: String] = [:]) throws -> ChildProcess {
        let daemon = try ChildProcess(
            name: "lienthong \(code)", executable: lienthong, arguments: ["run", "--config", config(code)],
            logPath: home(code) + "/lienthong-\(UUID().uuidString.prefix(8)).log", environment: environment)
        daemons[code] = daemon
        return daemon
    }

    /// Stops every daemon (SIGTERM) and waits for them.
    func stopDaemons() {
        for daemon in daemons.values { daemon.stop() }
    }

    /// What `lienthong status` prints for the agency, or "" when it cannot run.
    func status(of code: String) -> String {
        (try? runCommand(lienthong, ["status", "--config", config(code)]).output) ?? ""
    }

    /// Rewrites an agency's configuration file through `edit`.
    func editConfig(_ code: String, _ edit: (String) -> String) throws {
        let path = config(code)
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(
            toFile: path, atomically: true, encoding: .utf8)
    }

    var admin: AdminClient { AdminClient(port: adminPort) }

    /// Writes a file into A's outbox as a clerk's copy would: a temp name, then a rename.
    func drop(_ bytes: [UInt8], named name: String, into subfolder: String, of code: String) throws {
        let folder = share(code) + "/outbox/" + subfolder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/~WRL0001.tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: folder + "/" + name)
    }

    /// Every regular file under `folder`, as paths relative to it, leaving out hidden folders: lienthong
    /// assembles an inbox folder under a hidden temporary name before renaming it into place.
    func files(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if (path as NSString).lastPathComponent.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// All logs, for a failing test's message.
    var logs: String {
        ([axis].compactMap { $0 } + Array(daemons.values)).map { "--- \($0.name)\n\($0.log)" }.joined(separator: "\n")
    }
}
