import Foundation

/// The files of a self-contained demo: a local axis and two agencies under one directory, on loopback.
///
/// ```
/// <root>/axis/axis.yaml, secret-*.txt, data/        lienthong-axis
/// <root>/ca/ca-key.pem, ca-cert.pem                 the demo certificate authority
/// <root>/axis/tsa-key.pem, tsa-cert.pem              its RFC 3161 timestamp authority at /tsa
/// <root>/<agency>/lienthong.yaml, axis-secret, agency-key.pem, agency-cert.pem, state/
/// <root>/<agency>/share/outbox|sent|failed|inbox|quarantine
/// ```
/// Keys and secrets are throwaway and generated here (`openssl req`); they protect nothing but the demo. One demo
/// certificate authority issues both agencies' certificates and the timestamp authority's, and each agency trusts
/// it (`inbound.trusted_roots`), as agencies trust the national CA in production: a genuine document reads
/// "HỢP LỆ / VALID", a tampered one does not.
struct DemoEnvironment {
    struct Agency {
        let code: String
        let name: String
        let folder: String
    }

    let root: String
    let port: Int
    /// The status page port of each agency, in the order of ``agencies``; empty turns the pages off (`--prepare-only`:
    /// the tests run many daemons and turn the page on where they need it).
    var statusPagePorts: [Int] = []
    let agencies = [
        Agency(code: "000.00.00.H41", name: "UBND tỉnh Nghệ An", folder: "agency-a"),
        Agency(code: "000.00.00.H26", name: "UBND thành phố Hà Nội", folder: "agency-b"),
    ]

    var axisConfig: String { root + "/axis/axis.yaml" }
    /// The demo certificate authority's certificate: the one trust anchor of both agencies.
    var certificateAuthority: String { root + "/ca/ca-cert.pem" }
    private var certificateAuthorityKey: String { root + "/ca/ca-key.pem" }
    /// The demo timestamp authority's certificate: what a recipient trusts to accept B-T timestamps.
    var timestampAuthorityCertificate: String { root + "/axis/tsa-cert.pem" }
    /// `signing.timestamp_url` for the demo agencies (commented out in their configuration).
    var timestampURL: String { "http://127.0.0.1:\(port)/tsa" }
    func agencyConfig(_ agency: Agency) -> String { root + "/" + agency.folder + "/lienthong.yaml" }
    func share(_ agency: Agency) -> String { root + "/" + agency.folder + "/share" }
    /// A sample PDF to drop, named as clerks would name it.
    var samplePDF: String { root + "/samples/" + DemoSamplePDF.fileName }

    /// Writes every file. Existing keys and secrets are kept, so a second run reuses the same identities (a demo
    /// directory from a version without the demo authority gets new certificates issued by it).
    func prepare() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/axis/data", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: root + "/samples", withIntermediateDirectories: true)
        try Data(DemoSamplePDF.bytes()).write(to: URL(fileURLWithPath: samplePDF))
        try manager.createDirectory(atPath: root + "/ca", withIntermediateDirectories: true)
        let newAuthority = !manager.fileExists(atPath: certificateAuthority)
        if newAuthority { try makeCertificateAuthority() }
        var systems = ""
        for agency in agencies {
            let home = root + "/" + agency.folder
            try manager.createDirectory(atPath: home + "/state", withIntermediateDirectories: true)
            // Every folder the demo's instructions name exists before the first document: the drop folder for the
            // other agency, where its documents arrive, and where sent originals go.
            for other in agencies where other.code != agency.code {
                for folder in ["outbox", "inbox"] {
                    try manager.createDirectory(
                        atPath: share(agency) + "/\(folder)/\(other.code)", withIntermediateDirectories: true)
                }
            }
            try manager.createDirectory(atPath: share(agency) + "/sent", withIntermediateDirectories: true)
            let secretPath = home + "/axis-secret"
            if !manager.fileExists(atPath: secretPath) {
                try writePrivate(Self.randomSecret(), to: secretPath)
            }
            let axisSecretPath = root + "/axis/secret-\(agency.folder).txt"
            try writePrivate(try String(contentsOfFile: secretPath, encoding: .utf8), to: axisSecretPath)
            if newAuthority || !manager.fileExists(atPath: home + "/agency-key.pem") {
                try makeKeyAndCertificate(for: agency, in: home)
            }
            systems += """
                  - system_id: "\(agency.code)"
                    secret_file: "\(axisSecretPath)"
                    agencies: ["\(agency.code)"]

                """
            try Data(agencyYAML(agency).utf8).write(to: URL(fileURLWithPath: agencyConfig(agency)))
        }
        if newAuthority || !manager.fileExists(atPath: timestampAuthorityCertificate) {
            try makeTimestampAuthority(in: root + "/axis")
        }
        let agencyList = agencies.map { "  - code: \"\($0.code)\"\n    name: \"\($0.name)\"\n" }.joined()
        let axisYAML = """
            # lienthong-axis for the demo: loopback only.
            listen_address: 127.0.0.1
            port: \(port)
            admin_port: 0
            data_directory: "\(root)/axis/data"
            # A throwaway RFC 3161 timestamp authority at POST /tsa (see timestamp_url in the agencies' configuration).
            timestamp_authority:
              certificate: "\(timestampAuthorityCertificate)"
              private_key: "\(root)/axis/tsa-key.pem"
            systems:
            \(systems)agencies:
            \(agencyList)
            """
        try Data(axisYAML.utf8).write(to: URL(fileURLWithPath: axisConfig))
    }

    private func agencyYAML(_ agency: Agency) -> String {
        let home = root + "/" + agency.folder
        let other = agencies.first { $0.code != agency.code }!
        let index = agencies.firstIndex { $0.code == agency.code } ?? 0
        let listen = index < statusPagePorts.count ? "127.0.0.1:\(statusPagePorts[index])" : ""
        return """
            # lienthong for the demo agency \(agency.name) (\(agency.code)). See etc/lienthong/lienthong.yaml.
            state_directory: "\(home)/state"
            log_level: info
            axis:
              endpoint: "http://127.0.0.1:\(port)/"
              allow_plain_http: true   # loopback demo only
              system_id: "\(agency.code)"
              secret_file: "\(home)/axis-secret"
              connect_timeout: 2s
              request_timeout: 30s
            signing:
              private_key: "\(home)/agency-key.pem"
              certificate: "\(home)/agency-cert.pem"
              # Uncomment to timestamp every signature (PAdES B-T) by the demo axis's authority:
              # timestamp_url: "\(timestampURL)"
            inbound:
              poll_interval: 2s
              # The demo certificate authority issued both agencies' certificates (and the timestamp authority's):
              # trusting it makes a genuine document's signature read "HỢP LỆ / VALID".
              trusted_roots: ["\(certificateAuthority)"]
            retry:
              initial_delay: 1s
              max_delay: 10s
            status_page:
              # The read-only status page ("" turns it off).
              listen: "\(listen)"
            agencies:
              - code: "\(agency.code)"
                name: "\(agency.name)"
                folders:
                  root: "\(share(agency))"
                # "12_Giấy mời họp.pdf" is number 12 with that subject; a x.pdf.meta.yaml beside a file also works.
                filename_pattern: "{number}_{subject}"
                watch:
                  settle_time: 1s
                  poll_interval: 2s
                defaults:
                  recipients: ["\(other.code)"]
                  code_notation: "DEMO"
                  place: "\(agency.name)"

            """
    }

    private func writePrivate(_ text: String, to path: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
        guard manager.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw DemoError("cannot write \(path)") }
    }

    /// A 44-character secret, the shape the axis issues.
    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<33).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
    }

    /// The demo's root: ten years, allowed to issue certificates only.
    private func makeCertificateAuthority() throws {
        try Self.runOpenSSL([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-utf8",
            "-subj", "/C=VN/O=lienthong demo/CN=lienthong demo CA (not for real documents)",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", certificateAuthorityKey, "-out", certificateAuthority,
        ])
        chmod(certificateAuthorityKey, 0o600)
    }

    /// An agency's signing certificate, issued by the demo authority, for signatures (Decree 30: non-repudiation).
    private func makeKeyAndCertificate(for agency: Agency, in directory: String) throws {
        try issue(
            subject: "/C=VN/O=\(agency.name)/CN=\(agency.name) (\(agency.code))",
            extensions: ["keyUsage=critical,digitalSignature,nonRepudiation"],
            key: directory + "/agency-key.pem", certificate: directory + "/agency-cert.pem")
    }

    /// The timestamp authority: RFC 3161 requires the critical extended key usage timeStamping.
    private func makeTimestampAuthority(in directory: String) throws {
        try issue(
            subject: "/C=VN/O=lienthong demo/CN=lienthong demo TSA",
            extensions: ["extendedKeyUsage=critical,timeStamping", "keyUsage=critical,digitalSignature"],
            key: directory + "/tsa-key.pem", certificate: directory + "/tsa-cert.pem")
    }

    /// A new key and a one-year end-entity certificate for it, signed by the demo authority.
    private func issue(subject: String, extensions: [String], key: String, certificate: String) throws {
        try Self.runOpenSSL(
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-utf8", "-subj", subject,
                "-CA", certificateAuthority, "-CAkey", certificateAuthorityKey,
                "-addext", "basicConstraints=critical,CA:FALSE",
            ] + extensions.flatMap { ["-addext", $0] } + ["-keyout", key, "-out", certificate])
        chmod(key, 0o600)
    }

    private static func runOpenSSL(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DemoError("cannot run /usr/bin/openssl to make the demo keys (apt-get install openssl): \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DemoError("openssl could not make the demo keys") }
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
