import Foundation

/// The agency's signing key with its certificate and the certificates that lead to a trusted root.
///
/// Load it once at start-up with ``load(privateKeyPath:certificatePath:chainPath:passwordFile:)`` and share it:
/// loading checks file permissions, decrypts the key, checks that the key belongs to the certificate and that the
/// certificate is valid now, so that a misconfiguration stops the daemon at start rather than at the first document.
///
/// The OpenSSL key and certificates are owned by the identity (through `PrivateKey` and `X509Certificate`, which
/// free them on deinit); no OpenSSL type leaves this module.
///
/// Sendable without `@unchecked` here: every stored property is an immutable `let` of a Sendable type. The
/// `@unchecked` conformances, with their justification, sit on the two wrappers: the OpenSSL objects are never
/// modified after loading, only read, and OpenSSL reference-counts them atomically when a signature takes its own
/// references.
public final class SigningIdentity: Sendable {
    let privateKey: PrivateKey
    let certificate: X509Certificate
    /// Intermediate certificates (and possibly the root) included in signatures, signer's issuer first.
    let chain: [X509Certificate]

    /// The certificate's subject on one line in UTF-8, most specific first:
    /// `CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN`.
    public let subject: String
    /// The issuing authority's name, in the same form as ``subject``.
    public let issuer: String
    /// The certificate's serial number as lowercase hex without separators.
    public let serialNumberHex: String
    public let notBefore: Date
    public let notAfter: Date
    /// The signer certificate alone, PEM-encoded.
    public let certificatePEM: String
    /// The key type and size, e.g. "RSA 2048-bit" or "EC 256-bit", for the start-up log line.
    public let keyDescription: String

    init(
        privateKey: PrivateKey,
        certificate: X509Certificate,
        chain: [X509Certificate],
        certificatePath: String
    ) throws(SigningError) {
        guard let notBefore = certificate.notBefore, let notAfter = certificate.notAfter else {
            throw .invalidCertificate(path: certificatePath, detail: "its validity dates cannot be read")
        }
        self.privateKey = privateKey
        self.certificate = certificate
        self.chain = chain
        self.subject = certificate.subject
        self.issuer = certificate.issuer
        self.serialNumberHex = certificate.serialNumberHex
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.certificatePEM = certificate.pem
        self.keyDescription = privateKey.algorithmDescription
    }

    /// Throws ``SigningError/certificateExpired(subject:notBefore:notAfter:now:)`` or
    /// ``SigningError/certificateNotYetValid(subject:notBefore:notAfter:now:)`` unless the certificate is valid at
    /// `date`. Signing calls this for every document, because a daemon outlives certificates.
    public func checkValidity(at date: Date = Date()) throws(SigningError) {
        if date > notAfter {
            throw .certificateExpired(subject: subject, notBefore: notBefore, notAfter: notAfter, now: date)
        }
        if date < notBefore {
            throw .certificateNotYetValid(subject: subject, notBefore: notBefore, notAfter: notAfter, now: date)
        }
    }

    /// A warning to log when the certificate expires within `interval` of `date` (30 days by default), else nil.
    ///
    /// Expiry itself is an error (``checkValidity(at:)``); this is the advance notice so the agency can renew in time.
    public func expiryWarning(at date: Date = Date(), within interval: TimeInterval = 30 * 86_400) -> String? {
        guard date <= notAfter, notAfter.timeIntervalSince(date) < interval else { return nil }
        let days = Int(notAfter.timeIntervalSince(date) / 86_400)
        return "the signing certificate of \(subject) expires in \(days) day\(days == 1 ? "" : "s") "
            + "(\(ISO8601DateFormatter().string(from: notAfter))); renew it with the certificate authority now"
    }
}
