/// The agency's signing key and certificate, used for every outgoing document.
public struct SigningSettings: Sendable, Equatable {
    /// Absolute path of the private key (PEM, or PKCS#12 when it ends in `.p12`/`.pfx`).
    public var privateKey: String
    /// Absolute path of the signer's certificate (PEM).
    public var certificate: String
    /// Absolute path of the intermediate certificates (PEM), embedded in signatures.
    public var chain: String?
    /// Absolute path of a file holding the key password (mode 0600).
    public var passwordFile: String?
    /// Name of a systemd credential holding the key password; tried before ``passwordFile``.
    public var passwordCredential: String?
    /// The time-stamping authority that dates every signature; nil signs without a timestamp (PAdES B-B).
    public var timestamp: TimestampSettings?

    public init(
        privateKey: String,
        certificate: String,
        chain: String? = nil,
        passwordFile: String? = nil,
        passwordCredential: String? = nil,
        timestamp: TimestampSettings? = nil
    ) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.chain = chain
        self.passwordFile = passwordFile
        self.passwordCredential = passwordCredential
        self.timestamp = timestamp
    }
}
