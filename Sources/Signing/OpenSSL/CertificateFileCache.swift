import Synchronization

/// The certificates parsed from each certificate file, kept for as long as the file holds the same bytes.
///
/// Every received PDF and `.p7s` is checked against the trust anchors of `inbound.trusted_roots`, which were read
/// and parsed again for each one: parsing (PEM, DER, OpenSSL's extension cache) was 3 % of the daemon's CPU when
/// receiving small signed PDFs. The file is still read every time, so that an admin who replaces or breaks a trust
/// file is heard at the next document, exactly as before; only parsing the same bytes again is saved.
///
/// Bounded by the number of distinct certificate paths the configuration names.
final class CertificateFileCache: Sendable {
    static let shared = CertificateFileCache()

    private struct Entry {
        let bytes: [UInt8]
        let certificates: [X509Certificate]
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The certificates in `bytes`, read from `path`: those parsed last time when the bytes are the same.
    func certificates(
        in bytes: [UInt8], from path: String, parse: ([UInt8]) throws(SigningError) -> [X509Certificate]
    ) throws(SigningError) -> [X509Certificate] {
        if let entry = entries.withLock({ $0[path] }), entry.bytes == bytes { return entry.certificates }
        let certificates = try parse(bytes)
        entries.withLock { $0[path] = Entry(bytes: bytes, certificates: certificates) }
        return certificates
    }
}
