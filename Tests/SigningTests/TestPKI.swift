import Foundation
import Testing

/// A throwaway certificate authority and agency certificates made with the `openssl` command line, in a fresh
/// temporary directory that is removed when the value goes away.
final class TestPKI {
    enum KeyType { case rsa2048, ecP256 }

    struct Issued {
        let keyPath: String
        let certificatePath: String
    }

    struct CommandFailure: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        let standardError: String
        var description: String { "openssl \(arguments.joined(separator: " ")) exited \(status): \(standardError)" }
    }

    static let vietnameseOrganisation = "UBND tỉnh Nghệ An"
    static let vietnameseCommonName = "Văn phòng UBND tỉnh Nghệ An"

    let directory: URL
    let configPath: String
    private var counter = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lienthong-signing-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        configPath = directory.appendingPathComponent("openssl.cnf").path
        // A private configuration so that the machine's openssl.cnf cannot change the certificates.
        try """
        [req]
        distinguished_name = dn
        prompt = no
        string_mask = utf8only
        [dn]
        CN = unused
        [ca]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [agency]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,nonRepudiation
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [timestamping]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = critical,timeStamping
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [tsa]
        default_tsa = test_tsa
        [test_tsa]
        serial = \(directory.appendingPathComponent("tsa.serial").path)
        crypto_device = builtin
        signer_digest = sha256
        default_policy = 1.3.6.1.4.1.4146.1.2
        digests = sha256, sha384, sha512
        accuracy = secs:1
        ordering = no
        tsa_name = yes
        ess_cert_id_chain = no
        ess_cert_id_alg = sha256
        [test_ca]
        database = \(directory.appendingPathComponent("ca-index.txt").path)
        new_certs_dir = \(directory.path)
        serial = \(directory.appendingPathComponent("ca.serial").path)
        default_md = sha256
        policy = any_name
        unique_subject = no
        email_in_dn = no
        [any_name]
        countryName = optional
        organizationName = optional
        commonName = supplied

        """.write(toFile: configPath, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("ca-index.txt").path, contents: nil)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A self-signed root CA with an EC P-256 key (fast to generate; agency keys cover RSA).
    func makeRootCA(name: String = "ca", commonName: String = "Test Root CA") throws -> Issued {
        let issued = Issued(keyPath: path("\(name).key"), certificatePath: path("\(name).pem"))
        try openssl(
            "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", issued.keyPath, "-out", issued.certificatePath, "-days", "3650", "-utf8", "-subj",
            "/CN=\(commonName)",
            "-config", configPath, "-extensions", "ca"
        )
        return issued
    }

    /// A key (mode 0600) and a certificate for it issued by `issuer`.
    func issue(
        name: String,
        subject: String,
        keyType: KeyType = .ecP256,
        by issuer: Issued,
        serial: String = "0x5403A1F0C2",
        extensions: String = "agency"
    ) throws -> Issued {
        let issued = Issued(keyPath: path("\(name).key"), certificatePath: path("\(name).pem"))
        switch keyType {
        case .rsa2048:
            try openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", issued.keyPath)
        case .ecP256:
            try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", issued.keyPath)
        }
        try setMode(0o600, issued.keyPath)
        let request = path("\(name).csr")
        try openssl(
            "req", "-new", "-key", issued.keyPath, "-out", request, "-utf8", "-subj", subject,
            "-config", configPath)
        try openssl(
            "x509", "-req", "-in", request, "-CA", issuer.certificatePath, "-CAkey", issuer.keyPath,
            "-set_serial", serial, "-days", "365", "-out", issued.certificatePath,
            "-extfile", configPath, "-extensions", extensions
        )
        return issued
    }

    /// A timestamp authority's key and certificate (extendedKeyUsage timeStamping, critical) issued by `issuer`.
    func makeTSA(name: String = "tsa", commonName: String = "Test Timestamp Authority", by issuer: Issued) throws
        -> Issued
    {
        try issue(
            name: name, subject: "/C=VN/O=Test TSA/CN=\(commonName)", by: issuer, serial: "0x75A1",
            extensions: "timestamping")
    }

    /// A key and a certificate issued by `issuer` with explicit validity dates (through `openssl ca`, since
    /// `openssl x509 -req` only counts days from now).
    func issue(
        name: String,
        subject: String,
        by issuer: Issued,
        notBefore: Date,
        notAfter: Date
    ) throws -> Issued {
        let issued = Issued(keyPath: path("\(name).key"), certificatePath: path("\(name).pem"))
        try openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", issued.keyPath)
        try setMode(0o600, issued.keyPath)
        let request = path("\(name).csr")
        try openssl(
            "req", "-new", "-key", issued.keyPath, "-out", request, "-utf8", "-subj", subject, "-config", configPath)
        try openssl(
            "ca", "-batch", "-config", configPath, "-name", "test_ca", "-cert", issuer.certificatePath,
            "-keyfile", issuer.keyPath, "-in", request, "-out", issued.certificatePath, "-notext", "-utf8",
            "-preserveDN", "-startdate", Self.utcTime(notBefore), "-enddate", Self.utcTime(notAfter),
            "-extfile", configPath, "-extensions", "agency", "-md", "sha256", "-rand_serial"
        )
        return issued
    }

    private static func utcTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }

    /// The Vietnamese agency subject used by most tests.
    static var agencySubject: String { "/C=VN/O=\(vietnameseOrganisation)/CN=\(vietnameseCommonName)" }

    @discardableResult
    func openssl(_ arguments: String...) throws -> String { try run(arguments) }

    /// Runs `openssl` and returns its standard output; throws ``CommandFailure`` on a non-zero exit.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        counter += 1
        let outputPath = path("openssl-\(counter).out")
        let errorPath = path("openssl-\(counter).err")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        let standardOutput = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                arguments: arguments,
                status: process.terminationStatus,
                standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            )
        }
        return standardOutput
    }

    /// Whether `openssl cms -verify` accepts `signature` over `content` with `caFile` as the only trust anchor.
    func opensslVerifies(signature: [UInt8], content: String, caFile: String) throws -> Bool {
        counter += 1
        let signaturePath = path("signature-\(counter).p7s")
        try Data(signature).write(to: URL(fileURLWithPath: signaturePath))
        do {
            try openssl(
                "cms", "-verify", "-binary", "-inform", "DER", "-in", signaturePath, "-content", content,
                "-CAfile", caFile, "-purpose", "any", "-out", "/dev/null"
            )
            return true
        } catch is CommandFailure {
            return false
        }
    }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let filePath = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: filePath))
        try setMode(mode, filePath)
        return filePath
    }

    /// A file of `size` bytes: one random 1 MiB block repeated, each copy stamped with its index.
    func writeLargeFile(_ name: String, size: Int) throws -> String {
        let filePath = path(name)
        _ = FileManager.default.createFile(atPath: filePath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filePath))
        defer { try? handle.close() }
        var generator = SystemRandomNumberGenerator()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        for index in stride(from: 0, to: block.count, by: 8) {
            withUnsafeBytes(of: generator.next() as UInt64) { block.replaceSubrange(index..<index + 8, with: $0) }
        }
        var remaining = size
        var blockNumber: UInt64 = 0
        while remaining > 0 {
            withUnsafeBytes(of: blockNumber) { block.replaceSubrange(0..<8, with: $0) }
            try handle.write(contentsOf: block.prefix(min(remaining, block.count)))
            remaining -= block.count
            blockNumber += 1
        }
        return filePath
    }

    /// Flips the bits of the byte at `offset` (negative: from the end) in place.
    func tamper(_ filePath: String, at offset: Int) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: filePath))
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        let position = UInt64(offset >= 0 ? offset : size + offset)
        try handle.seek(toOffset: position)
        let original = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: position)
        try handle.write(contentsOf: [original ^ 0xff])
    }

    func setMode(_ mode: Int, _ filePath: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: filePath)
    }
}
