import Foundation
import Signing

/// A SoftHSM2 token for the PKCS#11 tests, made once per test process: SoftHSM reads `SOFTHSM2_CONF` when the
/// module is initialised, and lienthong initialises a module once per process, so every test shares this token
/// directory (under the temp directory, removed at exit).
///
/// The token `agency` (user PIN 1234) holds an RSA 2048 key (`agency-rsa`, id 01) and an EC P-256 key (`agency-ec`,
/// id 02), each with its certificate under the same id, issued by ``ca``; and a key without certificate
/// (`orphan`, id 03). The tests reach SoftHSM through the fault-injecting module (Tests/Fixtures), which
/// can pretend the token was unplugged or its PIN locked and counts logins.
final class SoftHSMToken: @unchecked Sendable {
    static let softHSMModule = "/usr/lib/softhsm/libsofthsm2.so"
    static let label = "agency"

    /// Made on first use; a failure (softhsm2 not installed) is rethrown by every test that needs it.
    static let shared: Result<SoftHSMToken, any Error> = Result { try SoftHSMToken() }
    nonisolated(unsafe) private static var directoryToRemove: String?

    let pki: TestPKI
    let ca: TestPKI.Issued
    let rsa: TestPKI.Issued
    let ec: TestPKI.Issued
    /// The fault-injecting module in front of SoftHSM.
    let module: String
    let pinFile: String
    let wrongPINFile: String
    /// Write `removed` or `locked` here to inject the fault; empty it to end it.
    let faultFile: String

    private init() throws {
        pki = try TestPKI()
        Self.directoryToRemove = pki.directory.path
        atexit { if let path = SoftHSMToken.directoryToRemove { try? FileManager.default.removeItem(atPath: path) } }
        ca = try pki.makeRootCA()
        rsa = try pki.issue(name: "agency-rsa", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca)
        ec = try pki.issue(name: "agency-ec", subject: TestPKI.agencySubject, keyType: .ecP256, by: ca)
        let orphan = try pki.issue(name: "orphan", subject: "/CN=orphan", keyType: .ecP256, by: ca)

        let tokens = pki.path("softhsm-tokens")
        try FileManager.default.createDirectory(atPath: tokens, withIntermediateDirectories: true)
        let configuration = try pki.write(
            "softhsm2.conf", "directories.tokendir = \(tokens)\nobjectstore.backend = file\nlog.level = ERROR\n")
        faultFile = try pki.write("pkcs11-fault", "")
        setenv("SOFTHSM2_CONF", configuration, 1)
        setenv("LIENTHONG_TEST_PKCS11_TARGET", Self.softHSMModule, 1)
        setenv("LIENTHONG_TEST_PKCS11_FAULT", faultFile, 1)
        pinFile = try pki.write("pin", "1234\n")
        wrongPINFile = try pki.write("wrong-pin", "9999\n")

        try Self.tool(
            "softhsm2-util", ["--init-token", "--free", "--label", Self.label, "--pin", "1234", "--so-pin", "5678"])
        for (issued, id, label, withCertificate) in [
            (rsa, "01", "agency-rsa", true), (ec, "02", "agency-ec", true), (orphan, "03", "orphan", false),
        ] {
            let keyDER = pki.path("\(label).key.der")
            try pki.openssl("pkcs8", "-topk8", "-nocrypt", "-in", issued.keyPath, "-outform", "DER", "-out", keyDER)
            try Self.pkcs11Tool(["--write-object", keyDER, "--type", "privkey", "--id", id, "--label", label])
            guard withCertificate else { continue }
            let certificateDER = pki.path("\(label).crt.der")
            try pki.openssl("x509", "-in", issued.certificatePath, "-outform", "DER", "-out", certificateDER)
            try Self.pkcs11Tool(["--write-object", certificateDER, "--type", "cert", "--id", id, "--label", label])
        }
        module = pki.path("pkcs11-fault.so")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/pkcs11-fault-module.c").standardized.path
        try Self.tool("cc", ["-shared", "-fPIC", "-Wall", "-o", module, source])
    }

    struct ToolFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sets the injected fault: `removed`, `locked`, or "" for none.
    func inject(_ fault: String) throws {
        try fault.write(toFile: faultFile, atomically: false, encoding: .utf8)
    }

    /// How many times C_Login was called since the last reset.
    func loginCount() -> Int {
        let text = (try? String(contentsOfFile: faultFile + ".logins", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    func resetLoginCount() {
        try? FileManager.default.removeItem(atPath: faultFile + ".logins")
    }

    private static func pkcs11Tool(_ arguments: [String]) throws {
        try tool(
            "pkcs11-tool",
            ["--module", softHSMModule, "--token-label", label, "--login", "--pin", "1234"] + arguments)
    }

    private static func tool(_ name: String, _ arguments: [String]) throws {
        let result = try ExternalTools.run(name, arguments, in: FileManager.default.temporaryDirectory)
        guard result.succeeded else {
            throw ToolFailure(description: "\(name) \(arguments.joined(separator: " ")): \(result.output)")
        }
    }
}
