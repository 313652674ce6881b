import AxisSimulator
import Foundation

/// A throwaway PKI made with the `openssl` command at test time: a CA, a server certificate for 127.0.0.1 signed by
/// it, a client certificate signed by it, and a client certificate signed by an unrelated CA.
struct TestCertificates {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("axis-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try makeCA("ca", subject: "/CN=lienthong test CA")
            try makeCA("rogue-ca", subject: "/CN=someone else's CA")
            try issue(
                "server", by: "ca", subject: "/CN=127.0.0.1", extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost")
            try issue("client", by: "ca", subject: "/CN=vxp.saas.03", extensions: "extendedKeyUsage=clientAuth")
            try issue(
                "rogue-client", by: "rogue-ca", subject: "/CN=intruder", extensions: "extendedKeyUsage=clientAuth")
        } catch {
            remove()
            throw error
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func serverConfiguration(
        requireClientCertificate: Bool = false, minimumVersion: AxisTLSConfiguration.MinimumVersion = .tls12
    )
        -> AxisTLSConfiguration
    {
        AxisTLSConfiguration(
            certificatePath: path("server.crt"), privateKeyPath: path("server.key"),
            clientCAPath: requireClientCertificate ? path("ca.crt") : nil, minimumVersion: minimumVersion)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    private func makeCA(_ name: String, subject: String) throws {
        try TestTools.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", subject, "-keyout", path("\(name).key"), "-out", path("\(name).crt"),
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    private func issue(_ name: String, by ca: String, subject: String, extensions: String) throws {
        try TestTools.openssl([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", subject,
            "-keyout", path("\(name).key"), "-out", path("\(name).csr"),
        ])
        let extensionFile = path("\(name).ext")
        try "\(extensions)\n".write(toFile: extensionFile, atomically: true, encoding: .utf8)
        try TestTools.openssl([
            "x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(ca).crt"), "-CAkey", path("\(ca).key"),
            "-CAcreateserial", "-days", "2", "-extfile", extensionFile, "-out", path("\(name).crt"),
        ])
    }
}
