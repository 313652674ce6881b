import Testing

@testable import Config

@Suite struct AxisTransportConfigTests {
    @Test func pinProxyAndKeyPasswordFileAreReadAndAPKCS12CertificateNeedsNoKey() throws {
        let yaml = minimalYAML.replacingOccurrences(
            of: "  secret_file: /etc/lienthong/axis-secret\n",
            with: """
                  secret_file: /etc/lienthong/axis-secret
                  client_certificate: /etc/lienthong/tls/client.P12
                  client_key_password_file: /etc/lienthong/tls/client.pass
                  pinned_public_key: "sha256//AAAA"
                  proxy: http://proxy.local:3128

                """)
        let axis = try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml").axis
        #expect(axis.clientCertificateIsPKCS12)
        #expect(axis.clientKey == nil)
        #expect(axis.clientKeyPasswordFile == "/etc/lienthong/tls/client.pass")
        #expect(axis.pinnedPublicKey == "sha256//AAAA")
        #expect(axis.proxy == "http://proxy.local:3128")
    }

    @Test func aPEMClientCertificateStillNeedsItsKey() {
        let yaml = minimalYAML.replacingOccurrences(
            of: "  secret_file: /etc/lienthong/axis-secret\n",
            with: "  secret_file: /etc/lienthong/axis-secret\n  client_certificate: /etc/lienthong/tls/client.pem\n")
        let found = problems(in: yaml)
        #expect(found.contains { $0.keyPath == "axis.client_key" }, "\(found)")
    }
}
