import AxisClient
import AxisProtocol
import AxisSimulator
import EdXML
import Foundation
import Testing

/// The client's TLS options against the in-process `lienthong-axis` over HTTPS, with a CA made by `openssl`.
///
/// A certificate problem (untrusted server, wrong pin, client certificate missing or refused, unreadable key) is a
/// configuration fault, not a verdict on a document: it is transient, like a wrong secret, so documents wait while
/// the log says what to fix, instead of being failed en masse.
@Suite(.serialized) struct TLSTests {
    static let system = "sys.client"
    static let agency = "000.00.00.H41"

    static func endpoint(
        _ axis: SimulatorHarness, caBundle: String?, certificate: String? = nil, key: String? = nil,
        format: ClientCertificateFormat = .pem, passwordFile: String? = nil, pin: String? = nil
    ) throws -> AxisEndpoint {
        try AxisEndpoint(
            baseURL: axis.httpsURL, caBundlePath: caBundle, clientCertificatePath: certificate, clientKeyPath: key,
            clientCertificateFormat: format, clientKeyPasswordFile: passwordFile, pinnedPublicKey: pin,
            connectTimeout: .seconds(5), requestTimeout: .seconds(10))
    }

    static func withAxis(
        requireClientCertificate: Bool = false,
        _ body: (SimulatorHarness, TestCertificates) async throws -> Void
    ) async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try SimulatorHarness(
            systems: [system: [agency]], agencies: ["000.00.00.G22"],
            tls: certificates.serverConfiguration(requireClientCertificate: requireClientCertificate))
        defer { axis.shutdown() }
        try await body(axis, certificates)
    }

    /// Expects a TLS failure that is transient and whose message tells the admin it is a TLS configuration fault.
    static func expectTLSRefusal(_ client: AxisClient, _ comment: Comment) async {
        let error = await TestSupport.axisError { try await client.countReceiveEdoc() }
        #expect(error?.connectionProblem?.isTLS == true, "\(comment): \(String(describing: error))")
        #expect(error?.failureClass == .transient, comment)
        #expect("\(error.map { "\($0)" } ?? "")".contains("TLS problem is a configuration fault"), comment)
    }

    @Test func theConfiguredCABundleIsTrusted() async throws {
        try await Self.withAxis { axis, certificates in
            let client = axis.client(Self.system, endpoint: try Self.endpoint(axis, caBundle: certificates.path("ca.crt")))
            #expect(try await client.countReceiveEdoc() == 0)
        }
    }

    @Test func aServerSignedByAnotherCAIsRefusedAsATransientTLSProblem() async throws {
        try await Self.withAxis { axis, certificates in
            let client = axis.client(
                Self.system, endpoint: try Self.endpoint(axis, caBundle: certificates.path("rogue-ca.crt")))
            await Self.expectTLSRefusal(client, "server certificate from an untrusted CA")
        }
    }

    @Test func aRequiredClientCertificateWorksAsPEMAndAsPasswordProtectedPKCS12() async throws {
        try await Self.withAxis(requireClientCertificate: true) { axis, certificates in
            let ca = certificates.path("ca.crt")
            let pem = axis.client(
                Self.system,
                endpoint: try Self.endpoint(
                    axis, caBundle: ca, certificate: certificates.path("client.crt"), key: certificates.path("client.key")))
            #expect(try await pem.countReceiveEdoc() == 0)

            let pkcs12 = axis.client(
                Self.system,
                endpoint: try Self.endpoint(
                    axis, caBundle: ca, certificate: certificates.path("client.p12"), format: .pkcs12,
                    passwordFile: certificates.path("p12-password.txt")))
            #expect(try await pkcs12.countReceiveStatus() == 0)

            // A document travels over the client-authenticated connection.
            let envelope = Fixtures.path("status_inbox__01.edxml")
            #expect(try EdXMLReader().readHeader(from: envelope).senderId == Self.agency)
            let docId = try await pkcs12.sendEdoc(from: Self.agency, messageType: .status, envelopePath: envelope)
            #expect(!docId.isEmpty)
        }
    }

    /// With TLS 1.3 the server checks our certificate after the client considers the handshake done, so the
    /// refusal reaches libcurl as an alert or as a connection closed under the request: both are transient and
    /// their message points at the client certificate.
    @Test func withoutOrWithAForeignClientCertificateTheCallFailsTransientlyPointingAtTheCertificate() async throws {
        try await Self.withAxis(requireClientCertificate: true) { axis, certificates in
            let ca = certificates.path("ca.crt")
            let none = axis.client(Self.system, endpoint: try Self.endpoint(axis, caBundle: ca))
            let foreign = axis.client(
                Self.system,
                endpoint: try Self.endpoint(
                    axis, caBundle: ca, certificate: certificates.path("rogue-client.crt"),
                    key: certificates.path("rogue-client.key")))
            for (client, label) in [(none, "no client certificate"), (foreign, "client certificate from another CA")] {
                let error = try #require(await TestSupport.axisError { try await client.countReceiveEdoc() },
                    Comment(rawValue: label))
                #expect(error.failureClass == .transient, "\(label)")
                switch error.connectionProblem {
                case .tls, .closedWithoutReply:
                    #expect("\(error)".contains("certificate"), "\(label): \(error)")
                default:
                    Issue.record("\(label): expected a TLS refusal or a closed connection, got \(error)")
                }
            }
        }
    }

    @Test func aWrongPKCS12PasswordIsATransientTLSProblemAndAMissingPasswordFileSaysWhichFile() async throws {
        try await Self.withAxis(requireClientCertificate: true) { axis, certificates in
            let ca = certificates.path("ca.crt")
            let wrong = axis.client(
                Self.system,
                endpoint: try Self.endpoint(
                    axis, caBundle: ca, certificate: certificates.path("client.p12"), format: .pkcs12,
                    passwordFile: certificates.path("wrong-password.txt")))
            await Self.expectTLSRefusal(wrong, "wrong PKCS#12 password")

            let missingFile = certificates.path("no-such-password.txt")
            let missing = axis.client(
                Self.system,
                endpoint: try Self.endpoint(
                    axis, caBundle: ca, certificate: certificates.path("client.p12"), format: .pkcs12,
                    passwordFile: missingFile))
            let error = try #require(await TestSupport.axisError { try await missing.countReceiveEdoc() })
            #expect(error.failureClass == .transient)
            guard case .configuration(let reason) = error.kind else {
                Issue.record("expected a configuration problem, got \(error)")
                return
            }
            #expect(reason.contains(missingFile))
            #expect(!"\(error)".contains(TestCertificates.p12Password))
        }
    }

    @Test func aMatchingPinnedKeyIsAcceptedAndAMismatchIsRefused() async throws {
        try await Self.withAxis { axis, certificates in
            let ca = certificates.path("ca.crt")
            let matching = axis.client(
                Self.system, endpoint: try Self.endpoint(axis, caBundle: ca, pin: try certificates.pin(of: "server")))
            #expect(try await matching.countReceiveEdoc() == 0)

            // The chain is trusted, but the key is not the pinned one.
            let other = axis.client(
                Self.system, endpoint: try Self.endpoint(axis, caBundle: ca, pin: try certificates.pin(of: "rogue-ca")))
            await Self.expectTLSRefusal(other, "pinned key mismatch")
            let error = await TestSupport.axisError { try await other.countReceiveEdoc() }
            #expect("\(error.map { "\($0)" } ?? "")".lowercased().contains("pinned"), "\(String(describing: error))")
        }
    }

    @Test func aMalformedPinIsRefusedWhenTheEndpointIsMade() {
        #expect(throws: AxisEndpointError.invalidPinnedPublicKey("sha256//not-base64")) {
            try AxisEndpoint(baseURL: "https://127.0.0.1:1/x", pinnedPublicKey: "sha256//not-base64")
        }
        #expect(throws: AxisEndpointError.invalidPinnedPublicKey("relative/key.pem")) {
            try AxisEndpoint(baseURL: "https://127.0.0.1:1/x", pinnedPublicKey: "relative/key.pem")
        }
    }
}
