/// Why TLS could not be set up for the axis listener. The TLS library's own error text is appended.
public enum TLSError: Error, CustomStringConvertible, Sendable, Equatable {
    case contextCreation(String)
    case certificate(path: String, detail: String)
    case privateKey(path: String, detail: String)
    case keyDoesNotMatchCertificate(certificate: String, key: String)
    case clientCA(path: String, detail: String)

    public var description: String {
        switch self {
        case .contextCreation(let detail):
            "cannot create the TLS server context: \(detail)"
        case .certificate(let path, let detail):
            "tls.certificate: cannot load the PEM certificate chain \(path): \(detail); check the path and that the "
                + "file starts with -----BEGIN CERTIFICATE-----"
        case .privateKey(let path, let detail):
            "tls.private_key: cannot load the PEM private key \(path): \(detail); the key must be unencrypted "
                + "(openssl pkey -in KEY -out PLAIN.key) and readable by this user"
        case .keyDoesNotMatchCertificate(let certificate, let key):
            "tls.private_key \(key) does not belong to tls.certificate \(certificate); use the key the certificate "
                + "was issued for"
        case .clientCA(let path, let detail):
            "tls.client_ca: cannot load the PEM CA certificates \(path): \(detail)"
        }
    }
}
