import Foundation
import Testing

/// `lienthong check-config` and `lienthong sign` with the agency key on a SoftHSM2 token initialised in a temp
/// directory (`SOFTHSM2_CONF`, given to the child only): the token and the key object are named, a signed file
/// verifies with `openssl cms -verify`, and a wrong PIN is one clear error that never shows the PIN.
@Suite(.serialized) struct TokenCheckConfigTests {
    static let module = "/usr/lib/softhsm/libsofthsm2.so"

    let directory: String
    let environment: [String: String]

    init() throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("lienthong-token-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/tokens", withIntermediateDirectories: true)
        try "directories.tokendir = \(directory)/tokens\nobjectstore.backend = file\nlog.level = ERROR\n"
            .write(toFile: directory + "/softhsm2.conf", atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["SOFTHSM2_CONF"] = directory + "/softhsm2.conf"
        self.environment = environment
    }

    func path(_ name: String) -> String { directory + "/" + name }

    @discardableResult
    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func mustRun(_ executable: String, _ arguments: [String]) throws {
        let result = try run(executable, arguments)
        guard result.status == 0 else {
            throw TestFailure("\(executable) \(arguments.joined(separator: " ")): \(result.output)")
        }
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A token `agency` (PIN 1234) with an RSA key generated on the token (`agency-key`, id 01) and its
    /// certificate, made from the public key by openssl; the configuration points at it without a certificate file.
    func makeTokenAndConfig(pin: String) throws -> String {
        try mustRun(
            "/usr/bin/softhsm2-util",
            ["--init-token", "--free", "--label", "agency", "--pin", "1234", "--so-pin", "5678"])
        let tool = ["--module", Self.module, "--token-label", "agency", "--login", "--pin", "1234"]
        try mustRun(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("key.pem"),
                "-out", path("cert.pem"), "-days", "30", "-subj", "/C=VN/O=UBND tinh Nghe An/CN=Token Agency",
            ])
        try mustRun(
            "/usr/bin/openssl",
            [
                "pkcs8", "-topk8", "-nocrypt", "-in", path("key.pem"), "-outform", "DER",
                "-out", path("key.der"),
            ])
        try mustRun("/usr/bin/openssl", ["x509", "-in", path("cert.pem"), "-outform", "DER", "-out", path("cert.der")])
        try mustRun(
            "/usr/bin/pkcs11-tool",
            tool + ["--write-object", path("key.der"), "--type", "privkey", "--id", "01", "--label", "agency-key"])
        try mustRun(
            "/usr/bin/pkcs11-tool",
            tool + ["--write-object", path("cert.der"), "--type", "cert", "--id", "01", "--label", "agency-key"])
        try FileManager.default.removeItem(atPath: path("key.pem"))
        try FileManager.default.removeItem(atPath: path("key.der"))

        try (pin + "\n").write(toFile: path("pin"), atomically: true, encoding: .utf8)
        chmod(path("pin"), 0o600)
        try String(repeating: "S", count: 44).write(toFile: path("axis-secret"), atomically: true, encoding: .utf8)
        chmod(path("axis-secret"), 0o600)
        let config = """
            state_directory: \(directory)/state
            axis:
              endpoint: https://axis.example.gov.vn/XrdAdapter/adapter
              system_id: 000.00.00.H41
              secret_file: \(directory)/axis-secret
            signing:
              private_key: "pkcs11:token=agency;object=agency-key;id=%01"
              pkcs11_module: \(Self.module)
              password_file: \(directory)/pin
            agencies:
              - code: 000.00.00.H41
                folders:
                  root: \(directory)/share
            """
        try config.write(toFile: path("lienthong.yaml"), atomically: true, encoding: .utf8)
        return path("lienthong.yaml")
    }

    @Test func checkConfigNamesTheTokenAndSignWritesAP7sThatOpenSSLVerifies() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try makeTokenAndConfig(pin: "1234")
        let lienthong = try TestBinaries.path("lienthong")

        let check = try run(lienthong, ["check-config", "--config", config])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("signing key on token 'agency' (SoftHSM v2"), "\(check.output)")
        #expect(check.output.contains("object 'agency-key', RSA"), "\(check.output)")
        #expect(check.output.contains("CN=Token Agency"), "\(check.output)")
        #expect(check.output.contains("warning: inbound.trusted_roots is empty"), "\(check.output)")
        #expect(check.output.contains("warning: no timestamp authority"), "\(check.output)")

        try "Công văn số 1".write(toFile: path("letter.docx"), atomically: true, encoding: .utf8)
        let sign = try run(lienthong, ["sign", "--config", config, path("letter.docx")])
        #expect(sign.status == 0, "\(sign.output)")
        let verify = try run(
            "/usr/bin/openssl",
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", path("letter.docx.p7s"), "-content",
                path("letter.docx"), "-CAfile", path("cert.pem"), "-purpose", "any", "-out", "/dev/null",
            ])
        #expect(verify.status == 0, "\(verify.output)")
    }

    @Test func wrongPINIsOneClearErrorWithoutThePIN() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try makeTokenAndConfig(pin: "8642097531")

        let check = try run(try TestBinaries.path("lienthong"), ["check-config", "--config", config])

        #expect(check.status == 1)
        let errors = check.output.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors.count == 1, "\(check.output)")
        #expect(errors.first?.contains("refused the PIN in \(path("pin"))") == true, "\(check.output)")
        #expect(!check.output.contains("8642097531"))
    }
}
