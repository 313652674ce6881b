import COpenSSL
import CryptoPrimitives
import Foundation

/// The CMS SignedData of a PAdES B-B signature, made from a precomputed SHA-256 digest of the byte ranges.
///
/// Signed attributes: content-type (id-data), message-digest and signingCertificateV2 (`CMS_CADES`); no
/// signing-time, which PAdES B-B forbids (ETSI EN 319 142-1 5.2.1: the time is `/M`). OpenSSL's
/// `CMS_SignerInfo_sign` always adds signing-time, so the attributes are DER-encoded and signed here with
/// `EVP_DigestSign` over the same key and digest that `CMS_add1_signer` declared.
enum PAdESCMS {
    static func signature(digest: [UInt8], identity: SigningIdentity) throws(SigningError) -> [UInt8] {
        ERR_clear_error()
        let flags = UInt32(CMS_BINARY | CMS_DETACHED | CMS_PARTIAL | CMS_CADES | CMS_NOSMIMECAP)
        let chain = try CMSSigner(identity: identity).makeChainStack()
        defer { if let chain { COpenSSL_sk_X509_free(chain) } }
        guard let cms = CMS_sign(nil, nil, chain, nil, flags) else {
            throw .openSSL(operation: "start a CMS signature", error: OpenSSLError.current())
        }
        defer { CMS_ContentInfo_free(cms) }
        guard
            let signer = CMS_add1_signer(
                cms, identity.certificate.pointer, identity.privateKey.pointer,
                EVP_sha256(), flags)
        else { throw .openSSL(operation: "add the agency as signer", error: OpenSSLError.current()) }

        let added = digest.withUnsafeBytes { buffer -> Bool in
            CMS_signed_add1_attr_by_NID(
                signer, NID_pkcs9_contentType, V_ASN1_OBJECT, UnsafeRawPointer(OBJ_nid2obj(NID_pkcs7_data)), -1)
                == 1
                && CMS_signed_add1_attr_by_NID(
                    signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, buffer.baseAddress, Int32(buffer.count)) == 1
        }
        guard added else { throw .openSSL(operation: "add signed attributes", error: OpenSSLError.current()) }

        let signedAttributes = try encodedSignedAttributes(signer)
        let value = try sign(signedAttributes, key: identity.privateKey.pointer)
        guard let slot = CMS_SignerInfo_get0_signature(signer),
            value.withUnsafeBytes({ ASN1_STRING_set(slot, $0.baseAddress, Int32($0.count)) }) == 1
        else { throw .openSSL(operation: "store the signature value", error: OpenSSLError.current()) }

        let output = try MemoryBIO(operation: "encode the signature")
        guard i2d_CMS_bio(output.pointer, cms) == 1 else {
            throw .openSSL(operation: "encode the signature as DER", error: OpenSSLError.current())
        }
        return output.bytes
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

    private static func sign(_ message: [UInt8], key: OpaquePointer) throws(SigningError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw .openSSL(operation: "allocate a signing context", error: OpenSSLError.current())
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            throw .openSSL(operation: "start signing", error: OpenSSLError.current())
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw .openSSL(operation: "size the signature", error: OpenSSLError.current())
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw .openSSL(operation: "sign the attributes", error: OpenSSLError.current())
        }
        return Array(signature.prefix(length))
    }
}
