import COpenSSL
import CryptoPrimitives
import Foundation

/// Builds the detached CMS SignedData of lienthong's signatures from a precomputed SHA-256 content digest, asking a
/// ``SigningKey`` only for the signature value, so that key files, tokens and remote services sign alike.
///
/// OpenSSL lays out the structure: `CMS_add1_signer` is given the certificate's public key with `CMS_PARTIAL`,
/// which declares the algorithms and adds signingCertificateV2 (`CMS_CADES`) without signing. The signed attributes
/// are then DER-encoded here as OpenSSL will write them (a sorted `SET OF`), signed by the key, and the value is
/// stored and verified against the certificate before the optional RFC 3161 token is added as an unsigned attribute.
enum CMSSignedDataBuilder {
    /// - Parameters:
    ///   - signingTime: the signing-time attribute, or nil to leave it out (PAdES puts the time in `/M`).
    ///   - timestamper: adds a signature timestamp token when set.
    ///   - now: the certificate must be valid at this time.
    static func signature(
        digest: [UInt8],
        key: any SigningKey,
        signingTime: Date?,
        timestamper: Timestamper?,
        now: Date = Date()
    ) throws(SigningError) -> [UInt8] {
        ERR_clear_error()
        defer { ERR_clear_error() }
        let certificates = try loadChain(key)
        let leaf = certificates[0]
        try checkValidity(leaf, at: now)
        guard let publicKey = X509_get0_pubkey(leaf.pointer) else {
            throw .keyUnavailable(detail: "the signer certificate's public key cannot be read")
        }
        let algorithm: SignatureAlgorithm
        switch EVP_PKEY_get_base_id(publicKey) {
        case EVP_PKEY_RSA: algorithm = .rsaPKCS1v15SHA256
        case EVP_PKEY_EC: algorithm = .ecdsaSHA256
        default: throw .keyUnavailable(detail: "the certificate's key is neither RSA nor EC")
        }

        let flags = UInt32(CMS_BINARY | CMS_DETACHED | CMS_PARTIAL | CMS_CADES | CMS_NOSMIMECAP)
        guard let chain = COpenSSL_sk_X509_new_null() else {
            throw .openSSL(operation: "allocate a certificate list", error: OpenSSLError.current())
        }
        defer { COpenSSL_sk_X509_free(chain) }
        for certificate in certificates.dropFirst() where COpenSSL_sk_X509_push(chain, certificate.pointer) == 0 {
            throw .openSSL(operation: "build the certificate chain", error: OpenSSLError.current())
        }
        guard let cms = CMS_sign(nil, nil, chain, nil, flags) else {
            throw .openSSL(operation: "start a CMS signature", error: OpenSSLError.current())
        }
        defer { CMS_ContentInfo_free(cms) }
        guard let signer = CMS_add1_signer(cms, leaf.pointer, publicKey, EVP_sha256(), flags) else {
            throw .openSSL(operation: "add the agency as signer", error: OpenSSLError.current())
        }
        try addSignedAttributes(signer, digest: digest, signingTime: signingTime)

        let signedAttributes = try encodedSignedAttributes(signer)
        let value = try key.signature(over: signedAttributes, algorithm: algorithm)
        guard let slot = CMS_SignerInfo_get0_signature(signer),
            value.withUnsafeBytes({ ASN1_STRING_set(slot, $0.baseAddress, Int32($0.count)) }) == 1
        else { throw .openSSL(operation: "store the signature value", error: OpenSSLError.current()) }
        // Checked here rather than with CMS_SignerInfo_verify, which encodes the attributes in insertion order
        // until the structure has been written and read back.
        guard try verifies(value, over: signedAttributes, publicKey: publicKey) else {
            throw .keyUnavailable(
                detail: "the \(algorithm.rawValue) signature returned by the key does not verify with the "
                    + "certificate \(leaf.subject); the key does not belong to this certificate")
        }

        if let timestamper {
            let token = try timestamper.token(forSignatureValue: value)
            let added = token.withUnsafeBytes {
                CMS_unsigned_add1_attr_by_NID(
                    signer, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, $0.baseAddress, Int32($0.count))
            }
            guard added == 1 else {
                throw .openSSL(operation: "add the timestamp token", error: OpenSSLError.current())
            }
        }

        let output = try MemoryBIO(operation: "encode the signature")
        guard i2d_CMS_bio(output.pointer, cms) == 1 else {
            throw .openSSL(operation: "encode the signature as DER", error: OpenSSLError.current())
        }
        return output.bytes
    }

    /// `signature` (a DER CMS SignedData) with `token` added as the first signer's signature timestamp, unchecked:
    /// for tests that need a token belonging to another signature.
    static func addingTimestampToken(_ token: [UInt8], to signature: [UInt8]) throws(SigningError) -> [UInt8] {
        ERR_clear_error()
        let input = try MemoryBIO(bytes: signature, operation: "read the signature")
        guard let cms = d2i_CMS_bio(input.pointer, nil) else {
            throw .malformedSignature(detail: OpenSSLError.current().description)
        }
        defer { CMS_ContentInfo_free(cms) }
        guard let signer = CMSVerifier.firstSignerInfo(cms) else { throw .malformedSignature(detail: "no signer") }
        let added = token.withUnsafeBytes {
            CMS_unsigned_add1_attr_by_NID(
                signer, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, $0.baseAddress, Int32($0.count))
        }
        let output = try MemoryBIO(operation: "encode the signature")
        guard added == 1, i2d_CMS_bio(output.pointer, cms) == 1 else {
            throw .openSSL(operation: "add the timestamp token", error: OpenSSLError.current())
        }
        return output.bytes
    }

    private static func verifies(_ signature: [UInt8], over message: [UInt8], publicKey: OpaquePointer)
        throws(SigningError) -> Bool
    {
        guard let context = EVP_MD_CTX_new() else {
            throw .openSSL(operation: "allocate a verification context", error: OpenSSLError.current())
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, publicKey) == 1 else {
            throw .openSSL(operation: "start verifying the signature", error: OpenSSLError.current())
        }
        let verified = EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
        ERR_clear_error()
        return verified
    }

    /// The key's certificates, signer first. A key file's are the ones it parsed when it was loaded; another key's
    /// are parsed from the DER it gives, which a token may read afresh each time. Encoding and parsing them again
    /// for every signature cost 4 % of the daemon's CPU in a burst of small PDFs.
    private static func loadChain(_ key: any SigningKey) throws(SigningError) -> [X509Certificate] {
        if let identity = key as? SigningIdentity { return [identity.certificate] + identity.chain }
        let encoded = try key.certificateChain()
        guard !encoded.isEmpty else { throw .keyUnavailable(detail: "the key gave no certificate") }
        var certificates: [X509Certificate] = []
        for (index, der) in encoded.enumerated() {
            guard let certificate = X509Certificate.parseDER(der) else {
                throw .keyUnavailable(detail: "certificate \(index + 1) of the key's chain is not a DER certificate")
            }
            certificates.append(certificate)
        }
        return certificates
    }

    private static func checkValidity(_ certificate: X509Certificate, at date: Date) throws(SigningError) {
        guard let notBefore = certificate.notBefore, let notAfter = certificate.notAfter else {
            throw .keyUnavailable(detail: "the validity dates of \(certificate.subject) cannot be read")
        }
        if date > notAfter {
            throw .certificateExpired(subject: certificate.subject, notBefore: notBefore, notAfter: notAfter, now: date)
        }
        if date < notBefore {
            throw .certificateNotYetValid(
                subject: certificate.subject, notBefore: notBefore, notAfter: notAfter, now: date)
        }
    }

    private static func addSignedAttributes(_ signer: OpaquePointer, digest: [UInt8], signingTime: Date?)
        throws(SigningError)
    {
        let added = digest.withUnsafeBytes { buffer -> Bool in
            CMS_signed_add1_attr_by_NID(
                signer, NID_pkcs9_contentType, V_ASN1_OBJECT, UnsafeRawPointer(OBJ_nid2obj(NID_pkcs7_data)), -1)
                == 1
                && CMS_signed_add1_attr_by_NID(
                    signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, buffer.baseAddress, Int32(buffer.count)) == 1
        }
        guard added else { throw .openSSL(operation: "add signed attributes", error: OpenSSLError.current()) }
        guard let signingTime else { return }
        // UTCTime until 2049, GeneralizedTime after, as RFC 5652 11.3 requires.
        guard let time = ASN1_TIME_set(nil, time_t(signingTime.timeIntervalSince1970.rounded(.down))) else {
            throw .openSSL(operation: "encode the signing time", error: OpenSSLError.current())
        }
        defer { ASN1_TIME_free(time) }
        guard CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_signingTime, time.pointee.type, time, -1) == 1 else {
            throw .openSSL(operation: "add the signing time", error: OpenSSLError.current())
        }
    }

    /// The DER `SET OF Attribute` that is signed (RFC 5652 5.4): elements sorted by their encodings, as OpenSSL
    /// also sorts them when it writes the SignerInfo.
    private static func encodedSignedAttributes(_ signer: OpaquePointer) throws(SigningError) -> [UInt8] {
        var elements: [[UInt8]] = []
        for index in 0..<CMS_signed_get_attr_count(signer) {
            guard let attribute = CMS_signed_get_attr(signer, index) else { continue }
            let length = i2d_X509_ATTRIBUTE(attribute, nil)
            guard length > 0 else { throw .openSSL(operation: "encode an attribute", error: OpenSSLError.current()) }
            var bytes = [UInt8](repeating: 0, count: Int(length))
            let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
                var cursor = buffer.baseAddress
                return i2d_X509_ATTRIBUTE(attribute, &cursor)
            }
            guard written == length else {
                throw .openSSL(operation: "encode an attribute", error: OpenSSLError.current())
            }
            elements.append(bytes)
        }
        elements.sort { left, right in
            for (a, b) in zip(left, right) where a != b { return a < b }
            return left.count < right.count
        }
        let body = elements.flatMap { $0 }
        return [0x31] + derLength(body.count) + body
    }

    private static func derLength(_ length: Int) -> [UInt8] {
        if length < 0x80 { return [UInt8(length)] }
        var octets: [UInt8] = []
        var remaining = length
        while remaining > 0 {
            octets.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [0x80 | UInt8(octets.count)] + octets
    }
}
