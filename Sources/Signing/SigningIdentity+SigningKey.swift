import COpenSSL
import CryptoPrimitives

/// A key file signs in-process with OpenSSL.
extension SigningIdentity: SigningKey {
    public func certificateChain() throws(SigningError) -> [[UInt8]] {
        var certificates: [[UInt8]] = []
        for certificate in [certificate] + chain { certificates.append(try certificate.der()) }
        return certificates
    }

    public func signature(over message: [UInt8], algorithm: SignatureAlgorithm) throws(SigningError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw .openSSL(operation: "allocate a signing context", error: OpenSSLError.current())
        }
        defer { EVP_MD_CTX_free(context) }
        // PKCS#1 v1.5 is the default padding of an RSA key and ECDSA has no options, so the algorithm needs no
        // further set-up once it matches the key (checked by the CMS builder against the certificate).
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, privateKey.pointer) == 1 else {
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
