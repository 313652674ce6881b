/// How to reach the national axis (or the provincial adapter in front of it) and authenticate to it.
public struct AxisSettings: Sendable, Equatable {
    /// Base URL; each method is `POST <endpoint>/<method>`.
    public var endpoint: String
    /// Must be `true` for an `http://` endpoint. Off by default because plain HTTP exposes every document.
    public var allowPlainHTTP: Bool
    /// Our system id on the axis, issued together with the secret.
    public var systemId: String
    /// Absolute path of a file holding the axis secret (mode 0600). Used when no credential is available.
    public var secretFile: String?
    /// Name of a systemd credential holding the axis secret, read from `$CREDENTIALS_DIRECTORY/<name>`.
    public var secretCredential: String?
    /// PEM bundle of CA certificates trusted for the endpoint; the system store when `nil`.
    public var caBundle: String?
    /// Client certificate for adapters that require TLS client authentication: PEM, or PKCS#12 when the file ends
    /// in `.p12`/`.pfx` (then it holds the key too and ``clientKey`` stays unset).
    public var clientCertificate: String?
    /// PEM private key matching a PEM ``clientCertificate``.
    public var clientKey: String?
    /// File holding the password of the client key or PKCS#12 file (mode 0600); never in the YAML itself.
    public var clientKeyPasswordFile: String?
    /// libcurl public-key pin(s) of the endpoint, `sha256//<base64>` joined with `;`.
    public var pinnedPublicKey: String?
    /// An HTTP(S) proxy URL; environment proxies are ignored unless set here.
    public var proxy: String?
    public var connectTimeout: Duration
    /// Upper bound for a whole request, including streaming a large envelope.
    public var requestTimeout: Duration

    /// Whether ``clientCertificate`` is a PKCS#12 bundle, by its extension.
    public var clientCertificateIsPKCS12: Bool {
        guard let path = clientCertificate?.lowercased() else { return false }
        return path.hasSuffix(".p12") || path.hasSuffix(".pfx")
    }

    public init(
        endpoint: String,
        allowPlainHTTP: Bool = false,
        systemId: String,
        secretFile: String? = nil,
        secretCredential: String? = nil,
        caBundle: String? = nil,
        clientCertificate: String? = nil,
        clientKey: String? = nil,
        clientKeyPasswordFile: String? = nil,
        pinnedPublicKey: String? = nil,
        proxy: String? = nil,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(300)
    ) {
        self.endpoint = endpoint
        self.allowPlainHTTP = allowPlainHTTP
        self.systemId = systemId
        self.secretFile = secretFile
        self.secretCredential = secretCredential
        self.caBundle = caBundle
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.clientKeyPasswordFile = clientKeyPasswordFile
        self.pinnedPublicKey = pinnedPublicKey
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }
}
