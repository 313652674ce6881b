import Foundation

/// The `signing:` section: a key file, a key on a PKCS#11 token, or a remote signing service, and the timestamp
/// authority.
extension ConfigDecoder {
    func decodeSigning(_ signing: MappingReader) -> SigningSettings? {
        let remote = signing.mapping("remote").flatMap(decodeRemoteSigning)
        let privateKey = decodePrivateKey(signing, remote: signing.node("remote") != nil)
        let isPKCS11 = privateKey.map(SigningSettings.isPKCS11URI) ?? false
        let certificate = signing.path("certificate")
        if signing.node("certificate") == nil, !isPKCS11 {
            let what =
                signing.node("remote") != nil
                ? "the certificate of the key held by the signing service (PEM)"
                : "the agency's signing certificate (PEM); only a pkcs11: private_key may leave it out"
            signing.reportMissing("certificate", "set the absolute path of \(what)")
        }
        let pkcs11Module = signing.path("pkcs11_module")
        if isPKCS11, signing.node("pkcs11_module") == nil {
            signing.reportMissing(
                "pkcs11_module",
                "a pkcs11: private_key needs the absolute path of the token's PKCS#11 module, e.g. "
                    + "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so or the vendor's .so")
        } else if !isPKCS11, signing.node("pkcs11_module") != nil {
            signing.report("pkcs11_module", "has no effect unless private_key is a pkcs11: URI; remove it")
        }
        let chain = signing.path("chain")
        let passwordFile = signing.path("password_file")
        let passwordCredential = credentialName(signing, "password_credential")
        let timestamp = decodeTimestamp(signing)
        signing.reportUnknownKeys(secretAdvice: Self.signingSecretAdvice)
        guard privateKey != nil || remote != nil, isPKCS11 || certificate != nil else { return nil }
        return SigningSettings(
            privateKey: privateKey, certificate: certificate, chain: chain, passwordFile: passwordFile,
            passwordCredential: passwordCredential, pkcs11Module: pkcs11Module, remote: remote, timestamp: timestamp)
    }

    /// `private_key`: an absolute path or a `pkcs11:` URI (required unless `remote` is set, refused with it).
    private func decodePrivateKey(_ signing: MappingReader, remote: Bool) -> String? {
        guard let text = signing.string("private_key") else {
            if !remote {
                signing.reportMissing(
                    "private_key",
                    "set the absolute path of the agency's signing key (PEM or PKCS#12), a pkcs11: URI of the key on "
                        + "a token, or a signing.remote service")
            }
            return nil
        }
        if remote {
            signing.report(
                "private_key", "is not used with signing.remote (the service holds the key); remove one of them")
            return nil
        }
        guard SigningSettings.isPKCS11URI(text) else { return signing.path("private_key") }
        let lowercased = text.lowercased()
        if lowercased.contains("pin-value") || lowercased.contains("pin-source") {
            signing.report(
                "private_key",
                "the pkcs11: URI contains a PIN (pin-value or pin-source); a PIN must not be written in the "
                    + "configuration file; remove it and \(Self.signingSecretAdvice)")
            return nil
        }
        return text
    }

    /// `signing.remote`: the service's URL, its credentials and limits.
    private func decodeRemoteSigning(_ remote: MappingReader) -> RemoteSigningSettings? {
        let url = remote.requiredString("url", hint: "set the signing service's https:// URL")
        let bearerTokenFile = remote.path("bearer_token_file")
        let bearerTokenCredential = credentialName(remote, "bearer_token_credential")
        let clientCertificate = remote.path("client_certificate")
        let clientKey = remote.path("client_key")
        let caBundle = remote.path("ca_bundle")
        let timeout = remote.duration("timeout", default: .seconds(30))
        remote.reportUnknownKeys(
            secretAdvice: "put the bearer token in a file readable only by the lienthong user (chmod 600) and set "
                + "signing.remote.bearer_token_file, or load it as a systemd credential and set "
                + "signing.remote.bearer_token_credential")
        if (clientCertificate == nil) != (clientKey == nil) {
            let missing = clientKey == nil ? "client_key" : "client_certificate"
            diagnostics.report(
                remote.keyPath(missing), line: remote.line, "client_certificate and client_key go together; set both")
        }
        guard let url, Self.remoteURLProblem(url).map({ remote.report("url", $0) }) == nil else { return nil }
        return RemoteSigningSettings(
            url: url, bearerTokenFile: bearerTokenFile, bearerTokenCredential: bearerTokenCredential,
            clientCertificate: clientCertificate, clientKey: clientKey, caBundle: caBundle, timeout: timeout)
    }

    /// Why `url` is not acceptable for a signing service, or nil: `https://`, or `http://` to the loopback
    /// interface only, since the bearer token and the digests must not cross a network in clear.
    static func remoteURLProblem(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
            let scheme = components.scheme?.lowercased()
        else { return "'\(url)' is not a URL; use e.g. https://sign.example.vn/v1/sign" }
        if components.user != nil || components.password != nil {
            return "must not contain a user name or password; use bearer_token_file or a client certificate"
        }
        switch scheme {
        case "https":
            return nil
        case "http" where ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()):
            return nil
        case "http":
            return "'\(url)' uses plain http:// to another machine, which would expose the bearer token; use "
                + "https:// (plain http:// is accepted only for an adapter on 127.0.0.1)"
        default:
            return "scheme '\(scheme)' is not supported; use https://"
        }
    }

    /// `timestamp_url` and its companions; the companions without the URL are a mistake worth reporting.
    private func decodeTimestamp(_ signing: MappingReader) -> TimestampSettings? {
        let caBundle = signing.path("timestamp_ca_bundle")
        let timeout = signing.duration("timestamp_timeout", default: .seconds(30))
        guard let url = signing.string("timestamp_url") else {
            for key in ["timestamp_ca_bundle", "timestamp_timeout"] where signing.node(key) != nil {
                signing.report(key, "has no effect without signing.timestamp_url; set the TSA's URL or remove it")
            }
            return nil
        }
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            signing.report(
                "timestamp_url",
                "'\(url)' is not an http:// or https:// URL; use the TSA's address, e.g. http://tsa.example.vn/tsa")
            return nil
        }
        if components.user != nil || components.password != nil {
            signing.report("timestamp_url", "must not contain a user name or password")
            return nil
        }
        return TimestampSettings(url: url, caBundle: caBundle, timeout: timeout)
    }
}
