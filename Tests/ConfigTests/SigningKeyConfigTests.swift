import Foundation
import Testing

@testable import Config

/// `signing.private_key` as a `pkcs11:` URI with `pkcs11_module`, `signing.remote`, and the warnings of
/// `check-config`.
@Suite struct SigningKeyConfigTests {
    /// `minimalYAML` with its `signing:` section replaced by `signing`.
    static func yaml(signing: String) -> String {
        minimalYAML.replacingOccurrences(
            of: "signing:\n  private_key: /etc/lienthong/key.pem\n  certificate: /etc/lienthong/cert.pem\n",
            with: "signing:\n" + signing)
    }

    @Test func tokenKeyNeedsItsModuleAndMayLeaveTheCertificateOnTheToken() throws {
        let config = try ConfigLoader.parse(
            yaml: Self.yaml(
                signing: """
                      private_key: "pkcs11:token=agency;object=agency-key;id=%01"
                      pkcs11_module: /usr/lib/softhsm/libsofthsm2.so
                      password_file: /etc/lienthong/token-pin

                    """), sourceName: "test.yaml")

        #expect(config.signing.pkcs11URI == "pkcs11:token=agency;object=agency-key;id=%01")
        #expect(config.signing.pkcs11Module == "/usr/lib/softhsm/libsofthsm2.so")
        #expect(config.signing.certificate == nil)
        #expect(config.signing.passwordFile == "/etc/lienthong/token-pin")
    }

    @Test func tokenKeyWithoutModuleIsRefused() throws {
        let found = problems(in: Self.yaml(signing: "  private_key: pkcs11:token=agency;object=k\n"))
        let missing = try #require(problem(at: "signing.pkcs11_module", in: found))
        #expect(missing.message.contains("PKCS#11 module"))
    }

    @Test func pinInTheURIIsRefusedWithoutBeingRepeated() throws {
        let found = problems(
            in: Self.yaml(
                signing: "  private_key: pkcs11:token=agency;object=k?pin-value=271828\n"
                    + "  pkcs11_module: /usr/lib/softhsm/libsofthsm2.so\n"))
        let refused = try #require(problem(at: "signing.private_key", in: found))
        #expect(refused.message.contains("password_file"))
        #expect(!refused.message.contains("271828"))
    }

    @Test func moduleWithAKeyFileIsAMistake() throws {
        let found = problems(
            in: minimalYAML.replacingOccurrences(
                of: "  certificate: /etc/lienthong/cert.pem\n",
                with: "  certificate: /etc/lienthong/cert.pem\n  pkcs11_module: /usr/lib/x.so\n"))
        let mistake = try #require(problem(at: "signing.pkcs11_module", in: found))
        #expect(mistake.message.contains("has no effect unless private_key is a pkcs11: URI"))
    }

    @Test func remoteServiceReplacesThePrivateKeyAndNeedsTheCertificate() throws {
        let config = try ConfigLoader.parse(
            yaml: Self.yaml(
                signing: """
                      certificate: /etc/lienthong/cert.pem
                      remote:
                        url: https://sign.example.vn/v1/sign
                        bearer_token_file: /etc/lienthong/sign-token
                        timeout: 10s

                    """), sourceName: "test.yaml")
        #expect(
            config.signing.remote
                == RemoteSigningSettings(
                    url: "https://sign.example.vn/v1/sign", bearerTokenFile: "/etc/lienthong/sign-token",
                    timeout: .seconds(10)))
        #expect(config.signing.privateKey == nil)

        let both = problems(
            in: Self.yaml(
                signing: "  private_key: /etc/lienthong/key.pem\n  remote:\n    url: https://sign.example.vn\n"))
        #expect(problem(at: "signing.private_key", in: both)?.message.contains("not used with signing.remote") == true)
        #expect(problem(at: "signing.certificate", in: both)?.message.contains("signing service") == true)
    }

    @Test(arguments: [
        ("http://sign.example.vn/v1/sign", "plain http:// to another machine"),
        ("https://user:pw@sign.example.vn", "must not contain a user name"),
        ("ftp://sign.example.vn", "scheme 'ftp'"),
    ])
    func remoteURLMustProtectTheToken(url: String, expected: String) throws {
        let found = problems(
            in: Self.yaml(signing: "  certificate: /etc/lienthong/cert.pem\n  remote:\n    url: \(url)\n"))
        #expect(problem(at: "signing.remote.url", in: found)?.message.contains(expected) == true)
    }

    @Test func remoteBearerTokenIsNeverWrittenInline() throws {
        let found = problems(
            in: Self.yaml(
                signing: "  certificate: /etc/lienthong/cert.pem\n  remote:\n    url: http://127.0.0.1:9000/sign\n"
                    + "    bearer_token: abc\n"))
        #expect(problem(at: "signing.remote.bearer_token", in: found)?.message.contains("bearer_token_file") == true)
    }

    @Test func checkConfigWarnsAboutNoTrustedRootsAndNoTimestampAuthority() throws {
        let bare = try ConfigLoader.parse(yaml: minimalYAML, sourceName: "test.yaml").warnings()
        #expect(bare.count == 2)
        #expect(bare.contains { $0.contains("inbound.trusted_roots is empty") && $0.contains("untrusted") })
        #expect(bare.contains { $0.contains("no timestamp authority") })

        let complete = try ConfigLoader.parse(
            yaml: minimalYAML.replacingOccurrences(
                of: "  certificate: /etc/lienthong/cert.pem\n",
                with: "  certificate: /etc/lienthong/cert.pem\n  timestamp_url: http://tsa.example.vn/tsa\n")
                + "\ninbound:\n  trusted_roots: [/etc/lienthong/roots.pem]\n", sourceName: "test.yaml")
        #expect(complete.warnings().isEmpty)
    }
}
