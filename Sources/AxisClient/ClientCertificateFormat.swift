/// How the client certificate for TLS client authentication is stored.
public enum ClientCertificateFormat: String, Sendable, Equatable, CaseIterable {
    /// A PEM certificate (chain), with its key in a separate PEM file or appended to the same file.
    case pem
    /// A PKCS#12 (`.p12`/`.pfx`) file holding certificate and key, usually password-protected.
    case pkcs12

    /// The name libcurl's `CURLOPT_SSLCERTTYPE` expects.
    var curlName: String {
        switch self {
        case .pem: "PEM"
        case .pkcs12: "P12"
        }
    }
}
