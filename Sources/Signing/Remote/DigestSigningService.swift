/// A service that holds the agency key and signs SHA-256 digests: an HTTPS client in production
/// (`RemoteSigningClient` in AxisClient, adapted in Daemon), an in-process double in tests.
public protocol DigestSigningService: Sendable {
    /// How messages name the service, e.g. its URL.
    var name: String { get }

    /// The raw signature over the 32-byte SHA-256 `digest`: for RSA the PKCS#1 v1.5 block (the service adds the
    /// SHA-256 DigestInfo), for ECDSA the DER `Ecdsa-Sig-Value`. Blocks the calling thread.
    func signature(forDigest digest: [UInt8], algorithm: SignatureAlgorithm) throws(RemoteSigningError) -> [UInt8]
}
