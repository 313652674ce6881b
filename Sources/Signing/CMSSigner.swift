import COpenSSL
import CryptoPrimitives
import Foundation

/// Detached CMS signatures with the agency's key file: the `x.docx.p7s` sent beside non-PDF attachments.
///
/// The signature uses SHA-256 over the file's exact bytes (binary: no MIME line-ending canonicalisation) and carries
/// the signed attributes content type, message digest, signing time and signingCertificateV2 (RFC 5035, binding the
/// signer certificate as CAdES-BES requires), plus the signer certificate and its chain so that a recipient can
/// build the path to the national root. `openssl cms -verify -binary -inform DER -content FILE` accepts it.
///
/// Safe to use from several tasks at once.
public struct CMSSigner: Signer {
    public let identity: SigningIdentity

    public init(identity: SigningIdentity) {
        self.identity = identity
    }

    /// Signs the file at `path`; see ``Signer/detachedSignature(ofFileAt:)``.
    ///
    /// - Throws: ``SigningError/certificateExpired(subject:notBefore:notAfter:now:)`` once the certificate has
    ///   expired, file errors for `path`, ``SigningError/fileChangedWhileReading(path:detail:)`` when the file
    ///   changes underneath, and ``SigningError/openSSL(operation:error:)``.
    public func detachedSignature(ofFileAt path: String) throws(SigningError) -> [UInt8] {
        ERR_clear_error()
        try identity.checkValidity()
        let content = try ContentStream(path: path)

        // CMS_CADES adds signingCertificateV2 (SHA-256 hash of the signer certificate) in CMS_add1_signer;
        // CMS_NOSMIMECAP leaves out the e-mail capabilities attribute, meaningless for documents.
        let flags = UInt32(CMS_BINARY | CMS_DETACHED | CMS_PARTIAL | CMS_CADES | CMS_NOSMIMECAP)

        let chain = try makeChainStack()
        defer { if let chain { COpenSSL_sk_X509_free(chain) } }
        guard let cms = CMS_sign(nil, nil, chain, nil, flags) else {
            throw .openSSL(operation: "start a CMS signature", error: OpenSSLError.current())
        }
        defer { CMS_ContentInfo_free(cms) }

        let signerInfo = CMS_add1_signer(
            cms, identity.certificate.pointer, identity.privateKey.pointer, EVP_sha256(), flags
        )
        guard signerInfo != nil else {
            throw .openSSL(operation: "add the agency as signer", error: OpenSSLError.current())
        }
        // Streams the file through the digest in small blocks and then signs the attributes.
        guard CMS_final(cms, content.bio, nil, flags) == 1 else {
            throw .openSSL(operation: "sign \(path)", error: OpenSSLError.current())
        }
        try content.confirmFullyRead()

        let output = try MemoryBIO(operation: "encode the signature")
        guard i2d_CMS_bio(output.pointer, cms) == 1 else {
            throw .openSSL(operation: "encode the signature as DER", error: OpenSSLError.current())
        }
        return output.bytes
    }

    /// A stack borrowing the chain's certificates (CMS_sign takes its own references), or nil for no chain.
    func makeChainStack() throws(SigningError) -> OpaquePointer? {
        guard !identity.chain.isEmpty else { return nil }
        guard let stack = COpenSSL_sk_X509_new_null() else {
            throw .openSSL(operation: "allocate a certificate list", error: OpenSSLError.current())
        }
        for certificate in identity.chain where COpenSSL_sk_X509_push(stack, certificate.pointer) == 0 {
            COpenSSL_sk_X509_free(stack)
            throw .openSSL(operation: "build the certificate chain", error: OpenSSLError.current())
        }
        return stack
    }
}
