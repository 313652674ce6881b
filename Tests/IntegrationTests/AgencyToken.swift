import Foundation

/// Agency A's demo key and certificate moved onto a SoftHSM2 token made under the world's temp directory, reached
/// by the daemon through the fault-injecting module (Tests/Fixtures/pkcs11-fault-module.c), which can pretend the
/// token was unplugged or its PIN locked, and counts every `C_Login`.
///
/// SoftHSM is told where its tokens live by `SOFTHSM2_CONF` in ``environment``, given to the daemon only; the key
/// file is removed from A's folder once it is on the token, so a signature that verifies came from the token.
final class AgencyToken {
    static let softHSMModule = "/usr/lib/softhsm/libsofthsm2.so"
    static let label = "agency-a"
    /// Distinctive, so that finding either of them in a log cannot be chance.
    static let pin = "Pin-73918462"
    static let wrongPIN = "Pin-86420975"

    let directory: String
    /// The fault-injecting module, compiled for this test.
    let module: String
    let pinFile: String
    let wrongPINFile: String
    /// Holds `removed`, `locked`, or nothing (see ``inject(_:)``).
    let faultFile: String
    /// What the daemon needs in its environment to find the token and the fault file.
    let environment: [String: String]

    /// Makes the token and imports A's key (`agency-key`, id 01) and certificate (same id and label).
    init(in world: TwoAgencies) throws {
        directory = world.root + "/token"
        let tokens = directory + "/tokens"
        try FileManager.default.createDirectory(atPath: tokens, withIntermediateDirectories: true)
        let configuration = directory + "/softhsm2.conf"
        try "directories.tokendir = \(tokens)\nobjectstore.backend = file\nlog.level = ERROR\n"
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        faultFile = directory + "/fault"
        try "".write(toFile: faultFile, atomically: true, encoding: .utf8)
        environment = [
            "SOFTHSM2_CONF": configuration, "LIENTHONG_TEST_PKCS11_TARGET": Self.softHSMModule,
            "LIENTHONG_TEST_PKCS11_FAULT": faultFile,
        ]
        pinFile = try Self.writePrivate(Self.pin + "\n", to: directory + "/pin")
        wrongPINFile = try Self.writePrivate(Self.wrongPIN + "\n", to: directory + "/wrong-pin")

        module = directory + "/pkcs11-fault.so"
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/pkcs11-fault-module.c").standardized.path
        try run("/usr/bin/cc", ["-shared", "-fPIC", "-Wall", "-o", module, source])

        try run(
            "/usr/bin/softhsm2-util",
            ["--init-token", "--free", "--label", Self.label, "--pin", Self.pin, "--so-pin", "5678"])
        let home = world.home(TwoAgencies.codeA)
        let keyDER = directory + "/key.der"
        let certificateDER = directory + "/cert.der"
        try run(
            "/usr/bin/openssl",
            ["pkcs8", "-topk8", "-nocrypt", "-in", home + "/agency-key.pem", "-outform", "DER", "-out", keyDER])
        try run(
            "/usr/bin/openssl", ["x509", "-in", home + "/agency-cert.pem", "-outform", "DER", "-out", certificateDER])
        let tool = ["--module", Self.softHSMModule, "--token-label", Self.label, "--login", "--pin", Self.pin]
        try run(
            "/usr/bin/pkcs11-tool",
            tool + ["--write-object", keyDER, "--type", "privkey", "--id", "01", "--label", "agency-key"])
        try run(
            "/usr/bin/pkcs11-tool",
            tool + ["--write-object", certificateDER, "--type", "cert", "--id", "01", "--label", "agency-key"])
        for path in [keyDER, home + "/agency-key.pem"] { try FileManager.default.removeItem(atPath: path) }
    }

    /// Points A's `signing:` section at the token: the key `object` (with its certificate read from the token),
    /// the PIN in `pinFile`; and shortens the demo's retry delays to 1-2 s, so a waiting document is tried again
    /// several times within a test.
    func configure(_ world: TwoAgencies, object: String = "agency-key", pinFile: String? = nil) throws {
        let signing = """

            signing:
              private_key: "pkcs11:token=\(Self.label);object=\(object)"
              pkcs11_module: "\(module)"
              password_file: "\(pinFile ?? self.pinFile)"
            """
        try world.editConfig(TwoAgencies.codeA) { yaml in
            guard let start = yaml.range(of: "\nsigning:\n"), let end = yaml.range(of: "\ninbound:\n"),
                yaml.contains("  max_delay: 10s\n")
            else { throw IntegrationError("the demo configuration changed shape:\n\(yaml)") }
            return yaml.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: signing)
                .replacingOccurrences(of: "  max_delay: 10s\n", with: "  max_delay: 2s\n")
        }
    }

    /// Puts the right PIN into the file that held the wrong one, keeping the file and its mode 0600, as an admin
    /// correcting it would.
    func correctWrongPINFile() throws {
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: wrongPINFile))
        defer { try? file.close() }
        try file.truncate(atOffset: 0)
        try file.write(contentsOf: Data((Self.pin + "\n").utf8))
    }

    /// Sets the injected fault: `removed` (unplugged), `locked` (the PIN is blocked), or "" for none.
    func inject(_ fault: String) throws {
        try fault.write(toFile: faultFile, atomically: true, encoding: .utf8)
    }

    /// How many times the daemon called `C_Login` (through the fault module; the set-up's pkcs11-tool calls go to
    /// SoftHSM directly and are not counted).
    func loginCount() -> Int {
        let text = (try? String(contentsOfFile: faultFile + ".logins", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    private static func writePrivate(_ text: String, to path: String) throws -> String {
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw IntegrationError("cannot write \(path)") }
        return path
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw IntegrationError(
                "\(executable) \(arguments.joined(separator: " ")): \(String(decoding: output, as: UTF8.self))")
        }
    }
}
