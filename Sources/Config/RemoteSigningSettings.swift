/// `signing.remote`: a signing service that holds the agency key and signs SHA-256 digests over HTTPS.
///
/// The protocol (one JSON `POST` per signature) is described in docs/architecture.md, "Remote signing", so that an
/// adapter to a vendor's service can be written. The certificate comes from `signing.certificate`.
public struct RemoteSigningSettings: Sendable, Equatable {
    /// The service's URL; `https://`, or `http://` on the loopback interface only (a local adapter).
    public var url: String
    /// A file holding the bearer token sent as `Authorization: Bearer …` (mode 0600).
    public var bearerTokenFile: String?
    /// Name of a systemd credential holding the bearer token; tried before ``bearerTokenFile``.
    public var bearerTokenCredential: String?
    /// Client certificate (PEM) for mutual TLS, with ``clientKey``.
    public var clientCertificate: String?
    /// Private key (PEM, unencrypted, mode 0600) of ``clientCertificate``.
    public var clientKey: String?
    /// CA certificates (PEM) that the service's TLS certificate must chain to; the system's when nil.
    public var caBundle: String?
    /// How long one signature may take before the document waits and is retried.
    public var timeout: Duration

    public init(
        url: String, bearerTokenFile: String? = nil, bearerTokenCredential: String? = nil,
        clientCertificate: String? = nil, clientKey: String? = nil, caBundle: String? = nil,
        timeout: Duration = .seconds(30)
    ) {
        self.url = url
        self.bearerTokenFile = bearerTokenFile
        self.bearerTokenCredential = bearerTokenCredential
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.caBundle = caBundle
        self.timeout = timeout
    }
}
