/// A private key seen only through its certificates and one raw signature operation: a key file
/// (``SigningIdentity``), a PKCS#11 token or HSM, or a remote signing service.
///
/// ``PAdESSigner`` and ``CMSSigner`` build the CMS structure themselves (signed attributes, certificates, an
/// optional RFC 3161 timestamp) and ask the key for nothing but the signature value over the DER of the signed
/// attributes, so a new kind of key needs no change to the pipelines. The returned value is checked against the
/// certificate's public key before it is used.
public protocol SigningKey: Sendable {
    /// The signer certificate first, then the certificates that lead towards a trusted root (issuer first), each
    /// DER-encoded. They are embedded in every signature.
    func certificateChain() throws(SigningError) -> [[UInt8]]

    /// The raw signature over `message` with `algorithm` (which hashes `message` itself: a service that signs
    /// precomputed digests hashes it with SHA-256 first).
    ///
    /// - Throws: ``SigningError/keyUnavailable(detail:)`` when the token or service fails.
    func signature(over message: [UInt8], algorithm: SignatureAlgorithm) throws(SigningError) -> [UInt8]
}

/// How a ``SigningKey`` signs, chosen from the signer certificate's public key.
public enum SignatureAlgorithm: String, Sendable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256: the value is the RSA signature block, as long as the modulus.
    case rsaPKCS1v15SHA256 = "RSA PKCS#1 v1.5 with SHA-256"
    /// ECDSA with SHA-256: the value is the DER `Ecdsa-Sig-Value` (SEQUENCE of r and s), not raw r‖s.
    case ecdsaSHA256 = "ECDSA with SHA-256"
}
