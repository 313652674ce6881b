/// The agency's signing key and certificate, used for every outgoing document.
///
/// The key is one of three kinds: a key file (``privateKey`` is a path), a key on a PKCS#11 token or HSM
/// (``privateKey`` is an RFC 7512 `pkcs11:` URI and ``pkcs11Module`` names the vendor's module), or a remote signing
/// service (``remote``; no ``privateKey``).
public struct SigningSettings: Sendable, Equatable {
    /// Absolute path of the private key (PEM, or PKCS#12 when it ends in `.p12`/`.pfx`), or a `pkcs11:` URI; nil with
    /// ``remote``.
    public var privateKey: String?
    /// Absolute path of the signer's certificate (PEM); nil when a token holds it next to the key.
    public var certificate: String?
    /// Absolute path of the intermediate certificates (PEM), embedded in signatures.
    public var chain: String?
    /// Absolute path of a file holding the key password, or the token's user PIN (mode 0600).
    public var passwordFile: String?
    /// Name of a systemd credential holding the key password or PIN; tried before ``passwordFile``.
    public var passwordCredential: String?
    /// Absolute path of the PKCS#11 module (`.so`) of the token named by a `pkcs11:` ``privateKey``.
    public var pkcs11Module: String?
    /// A signing service that signs SHA-256 digests with the agency key; replaces ``privateKey``.
    public var remote: RemoteSigningSettings?
    /// The time-stamping authority that dates every signature; nil signs without a timestamp (PAdES B-B).
    public var timestamp: TimestampSettings?

    public init(
        privateKey: String?,
        certificate: String?,
        chain: String? = nil,
        passwordFile: String? = nil,
        passwordCredential: String? = nil,
        pkcs11Module: String? = nil,
        remote: RemoteSigningSettings? = nil,
        timestamp: TimestampSettings? = nil
    ) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.chain = chain
        self.passwordFile = passwordFile
        self.passwordCredential = passwordCredential
        self.pkcs11Module = pkcs11Module
        self.remote = remote
        self.timestamp = timestamp
    }

    /// ``privateKey`` when it is a PKCS#11 URI.
    public var pkcs11URI: String? {
        guard let privateKey, Self.isPKCS11URI(privateKey) else { return nil }
        return privateKey
    }

    static func isPKCS11URI(_ text: String) -> Bool { text.lowercased().hasPrefix("pkcs11:") }
}
