import COpenSSL
import CryptoPrimitives
import Foundation

/// Detached CMS signatures: the `x.docx.p7s` sent beside non-PDF attachments.
///
/// The signature uses SHA-256 over the file's exact bytes (binary: no MIME line-ending canonicalisation) and carries
/// the signed attributes content type, message digest, signing time and signingCertificateV2 (RFC 5035, binding the
/// signer certificate as CAdES-BES requires), plus the signer certificate and its chain so that a recipient can
/// build the path to the national root. With a ``Timestamper`` it also carries an RFC 3161 signature timestamp
/// (CAdES-T). `openssl cms -verify -binary -inform DER -content FILE` accepts it.
///
/// The key is any ``SigningKey``: a key file (``SigningIdentity``), a token or a remote signing service.
/// Safe to use from several tasks at once.
public struct CMSSigner: Signer {
    public let key: any SigningKey
    public let timestamper: Timestamper?

    public init(key: any SigningKey, timestamper: Timestamper? = nil) {
        self.key = key
        self.timestamper = timestamper
    }

    public init(identity: SigningIdentity, timestamper: Timestamper? = nil) {
        self.init(key: identity, timestamper: timestamper)
    }

    /// Signs the file at `path`; see ``Signer/detachedSignature(ofFileAt:)``.
    ///
    /// - Throws: ``SigningError/certificateExpired(subject:notBefore:notAfter:now:)`` once the certificate has
    ///   expired, file errors for `path`, ``SigningError/fileChangedWhileReading(path:detail:)`` when the file
    ///   changes underneath, ``SigningError/keyUnavailable(detail:)``, the timestamp errors (see ``Timestamper``)
    ///   and ``SigningError/openSSL(operation:error:)``.
    public func detachedSignature(ofFileAt path: String) throws(SigningError) -> [UInt8] {
        let digest = try Self.sha256(ofFileAt: path)
        return try CMSSignedDataBuilder.signature(
            digest: digest, key: key, signingTime: Date(), timestamper: timestamper)
    }

    /// Signs content whose SHA-256 is `digest`; see ``Signer/detachedSignature(ofContentWithSHA256:)``.
    /// - Throws: as ``detachedSignature(ofFileAt:)``, except the file errors. `digest` must be 32 bytes long.
    public func detachedSignature(ofContentWithSHA256 digest: [UInt8]) throws(SigningError) -> [UInt8] {
        precondition(digest.count == 32, "a SHA-256 digest is 32 bytes")
        return try CMSSignedDataBuilder.signature(
            digest: digest, key: key, signingTime: Date(), timestamper: timestamper)
    }

    /// SHA-256 of the file, streamed in 64 KiB blocks, refused if the file changes meanwhile.
    static func sha256(ofFileAt path: String) throws(SigningError) -> [UInt8] {
        let content = try ContentStream(path: path)
        let hash = SHA256()
        var block = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = block.withUnsafeMutableBytes { BIO_read(content.bio, $0.baseAddress, Int32($0.count)) }
            if count <= 0 { break }
            block.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0.prefix(Int(count)))) }
        }
        ERR_clear_error()
        try content.confirmFullyRead()
        return hash.finalize().bytes
    }
}
