import CryptoPrimitives
import Foundation

/// The agency key held by a remote signing service (`signing.remote`): lienthong hashes the signed attributes with
/// SHA-256 and sends only the digest; the certificate comes from `signing.certificate`.
///
/// A refusal (HTTP 4xx: wrong credentials, wrong URL) stops the key until a new one is built from a reloaded
/// configuration, so that lienthong does not hammer a service that may lock the account; an unavailable service is
/// tried again at each document.
public final class RemoteSigningKey: SigningKey, @unchecked Sendable {
    public let service: any DigestSigningService
    private let certificates: [[UInt8]]
    private let lock = NSLock()
    private var stopped: RemoteSigningError?

    /// - Parameters:
    ///   - certificatePath: the signer certificate (PEM or DER; further PEM certificates form the chain).
    ///   - chainPath: optional intermediate certificates (PEM).
    public init(service: any DigestSigningService, certificatePath: String, chainPath: String?) throws(SigningError) {
        self.service = service
        var certificates: [[UInt8]] = []
        let paths =
            [(certificatePath, SigningError.FileRole.certificate)] + (chainPath.map { [($0, .certificateChain)] } ?? [])
        for (path, role) in paths {
            for certificate in try X509Certificate.load(path: path, role: role) {
                certificates.append(try certificate.der())
            }
        }
        self.certificates = certificates
    }

    public func certificateChain() throws(SigningError) -> [[UInt8]] { certificates }

    public func signature(over message: [UInt8], algorithm: SignatureAlgorithm) throws(SigningError) -> [UInt8] {
        lock.lock()
        let previous = stopped
        lock.unlock()
        if let previous { throw .remoteSigning(previous) }
        let digest = SHA256()
        digest.update(message)
        do {
            return try service.signature(forDigest: digest.finalize().bytes, algorithm: algorithm)
        } catch {
            if error.stopsUsingService {
                lock.lock()
                stopped = error
                lock.unlock()
            }
            throw .remoteSigning(error)
        }
    }
}
