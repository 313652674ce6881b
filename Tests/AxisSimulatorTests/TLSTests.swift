import AxisProtocol
import AxisSimulator
import Foundation
import Testing

/// HTTPS on the axis listener, exercised with libcurl through the `curl` command line and a CA made by `openssl`.
@Suite("TLS")
struct TLSTests {
    /// `curl` arguments for a signed axis call over HTTPS, trusting the test CA.
    static func curlArguments(
        _ method: AxisMethod, axis: TestAxis, certificates: TestCertificates, extra: [String] = []
    ) throws -> [String] {
        let headers = try SignedHeaders.make(
            parameters: [], contentType: "application/json", credentials: TestAxis.saas, now: Date())
        return ["--cacert", certificates.path("ca.crt"), "-X", method.httpMethod]
            + headers.flatMap { ["-H", "\($0.name): \($0.value)"] } + extra
            + ["https://127.0.0.1:\(axis.ports.axis)/XrdAdapter/adapter/\(method.rawValue)"]
    }

    static func agencyCodes(in output: String) -> [String] {
        let json = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any]
        return (json?["data"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func signedCallOverHTTPSRoundTripsThroughCurl() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration())
        defer { axis.shutdown() }

        let result = try TestTools.curl(
            try Self.curlArguments(.getAgenciesList, axis: axis, certificates: certificates))
        #expect(result.status == 0, "curl failed: \(result.errorOutput)")
        #expect(Self.agencyCodes(in: result.output) == ["vxp.saas.03", TestAxis.ngheAnCode, TestAxis.governmentCode])
        #expect((try axis.adminStats()["calls"] as? [String: Int])?["getAgenciesList"] == 1)
    }

    @Test func aServerCertificateFromAnUnknownCAIsRefusedByTheClient() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration())
        defer { axis.shutdown() }
        var arguments = try Self.curlArguments(.getAgenciesList, axis: axis, certificates: certificates)
        arguments[1] = certificates.path("rogue-ca.crt")
        let result = try TestTools.curl(arguments)
        #expect(
            result.status == 60, "expected curl's certificate error 60, got \(result.status): \(result.errorOutput)")
    }

    @Test func plainHTTPOnTheTLSPortIsClosedAndTheServerKeepsServing() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration())
        defer { axis.shutdown() }

        let plain = try TestHTTPClient(port: axis.ports.axis)
        #expect(throws: (any Error).self) {
            _ = try plain.request(method: "POST", path: "/XrdAdapter/adapter/getAgenciesList", headers: [])
        }
        let result = try TestTools.curl(
            try Self.curlArguments(.getAgenciesList, axis: axis, certificates: certificates))
        #expect(result.status == 0, "curl failed after a plain-text client: \(result.errorOutput)")
        #expect(Self.agencyCodes(in: result.output).count == 3)
    }

    @Test func adminListenerStaysPlainHTTPWhenTheAxisUsesTLS() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration())
        defer { axis.shutdown() }
        let reply = try TestHTTPClient(port: axis.ports.admin).request(method: "GET", path: "/admin/stats", headers: [])
        #expect(reply.status == 200)
    }

    @Test func requiredClientCertificateRefusesClientsWithoutOneOrWithAForeignOne() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration(requireClientCertificate: true))
        defer { axis.shutdown() }

        let anonymous = try TestTools.curl(
            try Self.curlArguments(.getAgenciesList, axis: axis, certificates: certificates))
        #expect(anonymous.status != 0)
        #expect(Self.agencyCodes(in: anonymous.output).isEmpty)

        let foreign = try TestTools.curl(
            try Self.curlArguments(
                .getAgenciesList, axis: axis, certificates: certificates,
                extra: [
                    "--cert", certificates.path("rogue-client.crt"), "--key", certificates.path("rogue-client.key"),
                ]))
        #expect(foreign.status != 0)
        #expect(Self.agencyCodes(in: foreign.output).isEmpty)

        let trusted = try TestTools.curl(
            try Self.curlArguments(
                .getAgenciesList, axis: axis, certificates: certificates,
                extra: ["--cert", certificates.path("client.crt"), "--key", certificates.path("client.key")]))
        #expect(trusted.status == 0, "curl with the CA-signed client certificate failed: \(trusted.errorOutput)")
        #expect(Self.agencyCodes(in: trusted.output).count == 3)
        #expect((try axis.adminStats()["calls"] as? [String: Int])?["getAgenciesList"] == 1)
    }

    /// curl resumes its TLS session on the second connection of one invocation; with client certificates required
    /// the server must allow that (a session id context), or every resumed handshake fails.
    @Test func aClientResumingItsSessionIsServedWhenClientCertificatesAreRequired() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration(requireClientCertificate: true))
        defer { axis.shutdown() }
        let url = "https://127.0.0.1:\(axis.ports.axis)/XrdAdapter/adapter/\(AxisMethod.getAgenciesList.rawValue)"
        let twice = try TestTools.curl(
            try Self.curlArguments(
                .getAgenciesList, axis: axis, certificates: certificates,
                extra: [
                    "-v", "-H", "Connection: close", "--cert", certificates.path("client.crt"), "--key",
                    certificates.path("client.key"), url,
                ]))
        #expect(twice.status == 0, "the second, resumed connection failed: \(twice.errorOutput)")
        #expect((try axis.adminStats()["calls"] as? [String: Int])?["getAgenciesList"] == 2)
    }

    @Test func minimumVersion13RefusesATLS12Client() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration(minimumVersion: .tls13))
        defer { axis.shutdown() }
        let old = try TestTools.curl(
            try Self.curlArguments(
                .getAgenciesList, axis: axis, certificates: certificates, extra: ["--tls-max", "1.2"]))
        #expect(old.status != 0)
        let current = try TestTools.curl(
            try Self.curlArguments(.getAgenciesList, axis: axis, certificates: certificates))
        #expect(current.status == 0, "curl failed: \(current.errorOutput)")
    }

    /// The reset fault over TLS is a reset, not an orderly TLS close: the connection is closed beneath TLS with
    /// `SO_LINGER` 0, so curl reports the reset instead of an empty reply.
    @Test func theResetFaultResetsATLSConnection() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let axis = try TestAxis(tls: certificates.serverConfiguration())
        defer { axis.shutdown() }
        let added = try axis.admin(
            "POST", "/admin/faults", json: #"{"method":"getAgenciesList","fault":{"kind":"reset"}}"#)
        #expect(added.status == 200)
        let result = try TestTools.curl(
            try Self.curlArguments(.getAgenciesList, axis: axis, certificates: certificates))
        #expect(result.status == 56, "expected curl's receive error 56, got \(result.status): \(result.errorOutput)")
        #expect(result.errorOutput.lowercased().contains("reset"), "\(result.errorOutput)")
    }

    @Test func aKeyThatDoesNotMatchTheCertificateStopsTheStartWithBothPathsNamed() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        var configuration = certificates.serverConfiguration()
        configuration.privateKeyPath = certificates.path("client.key")
        #expect(
            throws: TLSError.keyDoesNotMatchCertificate(
                certificate: certificates.path("server.crt"), key: certificates.path("client.key"))
        ) {
            _ = try TestAxis(tls: configuration)
        }
    }

    @Test func aMissingCertificateFileIsReportedUnderItsKey() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        var configuration = certificates.serverConfiguration()
        configuration.certificatePath = certificates.path("absent.crt")
        do {
            _ = try TestAxis(tls: configuration)
            Issue.record("a missing certificate file was accepted")
        } catch let error as TLSError {
            #expect(error.description.hasPrefix("tls.certificate: cannot load"))
            #expect(error.description.contains("absent.crt"))
        }
    }
}
