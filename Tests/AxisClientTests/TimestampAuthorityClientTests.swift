import AxisClient
import AxisSimulator
import Foundation
import Testing

/// The RFC 3161 client against lienthong-axis's test timestamp authority (`POST /tsa`) on loopback; replies are
/// judged by `openssl ts -verify`, an implementation independent of both.
@Suite struct TimestampAuthorityClientTests {
    let directory: TemporaryDirectory
    let simulator: AxisSimulator
    let port: Int

    init() throws {
        directory = try TemporaryDirectory()
        do {
            try Self.makeTimestampAuthority(in: directory)
            var configuration = AxisSimulatorConfiguration(
                dataDirectory: directory.path("data"),
                systems: [.init(systemId: "vxp.saas.03", secret: TestSupport.secret, agencies: ["vxp.saas.03"])],
                agencies: [])
            configuration.timestampAuthority = AxisTimestampAuthorityConfiguration(
                certificatePath: directory.path("tsa.crt"), privateKeyPath: directory.path("tsa.key"),
                policyOID: "1.2.3.4.5")
            simulator = try AxisSimulator(configuration: configuration)
            port = try simulator.start().axis
        } catch {
            directory.remove()
            throw error
        }
    }

    /// A CA and a TSA certificate with the critical extended key usage timeStamping that RFC 3161 requires.
    static func makeTimestampAuthority(in directory: TemporaryDirectory) throws {
        try TestCertificates.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=TSA test CA", "-keyout", directory.path("ca.key"), "-out", directory.path("ca.crt"),
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try TestCertificates.openssl([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-subj", "/O=Test/CN=Simulator TSA", "-keyout", directory.path("tsa.key"),
            "-out", directory.path("tsa.csr"),
        ])
        let extensions = try directory.write(
            "tsa.ext", Array("extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n".utf8))
        try TestCertificates.openssl([
            "x509", "-req", "-in", directory.path("tsa.csr"), "-CA", directory.path("ca.crt"),
            "-CAkey", directory.path("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", extensions,
            "-out", directory.path("tsa.crt"),
        ])
    }

    func shutdown() {
        simulator.stop()
        directory.remove()
    }

    func query(_ name: String) throws -> [UInt8] {
        let data = try directory.write("\(name).txt", Array("Công văn \(name)".utf8))
        try TestCertificates.openssl([
            "ts", "-query", "-data", data, "-sha256", "-cert", "-out", directory.path("\(name).tsq"),
        ])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.path("\(name).tsq"))))
    }

    func replyText(_ reply: [UInt8], _ name: String) throws -> String {
        let path = try directory.write("\(name).tsr", reply)
        return try TestCertificates.run("/usr/bin/openssl", ["ts", "-reply", "-in", path, "-text"])
    }

    @Test func simulatorAnswersRequestsThatOpenSSLVerifiesWithCountingSerials() throws {
        defer { shutdown() }
        let client = try TimestampAuthorityClient(url: "http://127.0.0.1:\(port)/tsa")

        let first = try client.respond(to: try query("first"))
        let second = try client.respond(to: try query("second"))

        for name in ["first", "second"] {
            let reply = try directory.write("\(name).tsr", name == "first" ? first : second)
            let verified = try TestCertificates.run(
                "/usr/bin/openssl",
                ["ts", "-verify", "-in", reply, "-queryfile", directory.path("\(name).tsq"),
                 "-CAfile", directory.path("ca.crt")])
            #expect(verified.contains("Verification: OK"))
        }
        let firstText = try replyText(first, "first")
        let secondText = try replyText(second, "second")
        #expect(firstText.contains("Policy OID: 1.2.3.4.5"), "\(firstText)")
        #expect(firstText.contains("Hash Algorithm: sha256"), "\(firstText)")
        #expect(firstText.contains("Serial number: 0x01"), "\(firstText)")
        #expect(secondText.contains("Serial number: 0x02"), "\(secondText)")
        #expect(firstText.contains("Accuracy: 0x01 seconds"), "\(firstText)")

        let request = try query("timed")
        let clock = ContinuousClock()
        let rounds = 20
        var sizes: Set<Int> = []
        let elapsed = try clock.measure {
            for _ in 0..<rounds { sizes.insert(try client.respond(to: request).count) }
        }
        print(
            "simulator TSA over loopback: \(elapsed / rounds) per request and reply, replies of "
                + "\(sizes.sorted()) bytes")
    }

    @Test func requestThatIsNotRFC3161GetsARejectionReply() throws {
        defer { shutdown() }
        let client = try TimestampAuthorityClient(url: "http://127.0.0.1:\(port)/tsa")

        let reply = try client.respond(to: Array("not a timestamp request".utf8))

        #expect(try replyText(reply, "garbage").contains("Status: Rejected"))
    }

    @Test func authorityThatIsDownIsUnreachableAndTransient() throws {
        defer { shutdown() }
        simulator.stop()
        let client = try TimestampAuthorityClient(
            url: "http://127.0.0.1:\(port)/tsa", connectTimeout: .seconds(2), requestTimeout: .seconds(5))

        #expect {
            try client.respond(to: try query("down"))
        } throws: { error in
            guard let error = error as? TimestampAuthorityClientError, case .unreachable = error else { return false }
            return error.isTransient
        }
    }

    @Test func urlThatIsNotATimestampAuthorityIsRefusedByContentType() throws {
        defer { shutdown() }
        // The axis itself answers JSON there.
        let client = try TimestampAuthorityClient(url: "http://127.0.0.1:\(port)/XrdAdapter/adapter/tsa")

        #expect {
            try client.respond(to: try query("axis"))
        } throws: { error in
            guard case .wrongContentType(_, let contentType) = error as? TimestampAuthorityClientError else {
                return false
            }
            return contentType.contains("json")
        }
    }

    @Test func timestampAuthorityBlockIsReadFromYAML() throws {
        defer { shutdown() }
        _ = try directory.write("secret.key", Array(TestSupport.secret.utf8))
        let configuration = try AxisSimulatorConfiguration.parse(
            yaml: """
                data_directory: data
                systems:
                  - system_id: vxp.saas.03
                    secret_file: secret.key
                    agencies: [vxp.saas.03]
                timestamp_authority:
                  certificate: tsa.crt
                  private_key: tsa.key
                  policy: 1.2.3.4.9
                  accuracy_seconds: 2
                """, baseDirectory: directory.url.path)

        let authority = try #require(configuration.timestampAuthority)
        #expect(authority.certificatePath == directory.path("tsa.crt"))
        #expect(authority.privateKeyPath == directory.path("tsa.key"))
        #expect(authority.policyOID == "1.2.3.4.9")
        #expect(authority.accuracySeconds == 2)
        #expect(throws: AxisConfigurationError.self) {
            try AxisSimulatorConfiguration.parse(
                yaml: """
                    data_directory: data
                    systems:
                      - system_id: vxp.saas.03
                        secret_file: secret.key
                        agencies: [vxp.saas.03]
                    timestamp_authority:
                      certificate: tsa.crt
                    """, baseDirectory: directory.url.path)
        }
    }
}
