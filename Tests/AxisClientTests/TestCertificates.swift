import AxisSimulator
import Foundation

/// A throwaway PKI made with the `openssl` command at test time: a CA, a server certificate for 127.0.0.1, a client
/// certificate as PEM and as a password-protected PKCS#12, an unrelated ("rogue") CA with its own client
/// certificate, and the `sha256//` pins of the server's and the rogue CA's public keys.
struct TestCertificates {
    static let p12Password = "mật-khẩu 12 #!"
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        do {
            try makeCA("ca", subject: "/CN=lienthong client test CA")
            try makeCA("rogue-ca", subject: "/CN=someone else's CA")
            try issue("server", by: "ca", subject: "/CN=127.0.0.1", extensions: "subjectAltName=IP:127.0.0.1")
            try issue("client", by: "ca", subject: "/CN=sys.client", extensions: "extendedKeyUsage=clientAuth")
            try issue("rogue-client", by: "rogue-ca", subject: "/CN=intruder", extensions: "extendedKeyUsage=clientAuth")
            try Data(Self.p12Password.utf8).write(to: URL(fileURLWithPath: path("p12-password.txt")))
            try Data("not the password\n".utf8).write(to: URL(fileURLWithPath: path("wrong-password.txt")))
            try Self.openssl([
                "pkcs12", "-export", "-in", path("client.crt"), "-inkey", path("client.key"), "-out",
                path("client.p12"), "-passout", "file:" + path("p12-password.txt"),
            ])
        } catch {
            directory.remove()
            throw error
        }
    }

    func path(_ name: String) -> String { directory.path(name) }

    func remove() { directory.remove() }

    func serverConfiguration(requireClientCertificate: Bool = false) -> AxisTLSConfiguration {
        AxisTLSConfiguration(
            certificatePath: path("server.crt"), privateKeyPath: path("server.key"),
            clientCAPath: requireClientCertificate ? path("ca.crt") : nil)
    }

    /// `sha256//<base64 SHA-256 of the DER SubjectPublicKeyInfo>` of the key in `<name>.crt`.
    func pin(of name: String) throws -> String {
        let command = "openssl x509 -in '\(path(name + ".crt"))' -pubkey -noout | openssl pkey -pubin -outform der "
            + "| openssl dgst -sha256 -binary | base64"
        let output = try Self.run("/bin/sh", ["-c", command]).trimmingCharacters(in: .whitespacesAndNewlines)
        return "sha256//" + output
    }

    private func makeCA(_ name: String, subject: String) throws {
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", subject, "-keyout", path("\(name).key"), "-out", path("\(name).crt"),
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    private func issue(_ name: String, by ca: String, subject: String, extensions: String) throws {
        try Self.openssl([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", subject,
            "-keyout", path("\(name).key"), "-out", path("\(name).csr"),
        ])
        try Data("\(extensions)\n".utf8).write(to: URL(fileURLWithPath: path("\(name).ext")))
        try Self.openssl([
            "x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(ca).crt"), "-CAkey", path("\(ca).key"),
            "-CAcreateserial", "-days", "2", "-extfile", path("\(name).ext"), "-out", path("\(name).crt"),
        ])
    }

    struct ToolError: Error, CustomStringConvertible {
        let description: String
    }

    static func openssl(_ arguments: [String]) throws {
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ToolError(description: "openssl is not installed; run: apt-get install -y openssl")
        }
        _ = try run(tool, arguments)
    }

    /// Runs a tool to completion; its standard output, or an error with its messages when it fails.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr on another thread so a chatty tool cannot block on a full pipe.
        let errorText = ErrorText()
        let errorReader = Thread {
            errorText.set(errors.fileHandleForReading.readDataToEndOfFile())
        }
        errorReader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Thread.sleep(forTimeInterval: 0.1)
            throw ToolError(
                description: "\(executable) \(arguments.joined(separator: " ")) failed: \(errorText.value)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The standard error text of a tool, written by its reader thread.
private final class ErrorText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func set(_ data: Data) { lock.withLock { text = String(decoding: data, as: UTF8.self) } }

    var value: String { lock.withLock { text } }
}
