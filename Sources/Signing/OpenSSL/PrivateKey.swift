import COpenSSL
import CryptoPrimitives

/// One owned reference to an OpenSSL `EVP_PKEY`.
///
/// `@unchecked Sendable`: the key is never modified after parsing, and OpenSSL 3 allows one `EVP_PKEY` to be used
/// for signing from several threads at once (its reference count and provider-key cache are locked internally).
final class PrivateKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes over one reference to `pointer`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// A short description such as "RSA 2048-bit" or "EC 256-bit", for logs.
    var algorithmDescription: String {
        let name = EVP_PKEY_get0_type_name(pointer).map { String(cString: $0) } ?? "unknown"
        return "\(name) \(EVP_PKEY_get_bits(pointer))-bit"
    }

    func matches(_ certificate: X509Certificate) -> Bool {
        let matching = X509_check_private_key(certificate.pointer, pointer) == 1
        ERR_clear_error()
        return matching
    }

    /// Parses a PEM private key (PKCS#8, traditional RSA/EC, encrypted or not).
    ///
    /// - Parameters:
    ///   - password: the password file's contents, or nil when none is configured.
    ///   - passwordFile: the password file's path, for messages only.
    static func parsePEM(
        _ bytes: [UInt8],
        path: String,
        password: [UInt8]?,
        passwordFile: String?
    ) throws(SigningError) -> PrivateKey {
        let bio = try MemoryBIO(bytes: bytes, operation: "read the private key")
        let prompt = PasswordPrompt(password: password)
        let key = prompt.readPrivateKey(from: bio.pointer)
        if let key {
            ERR_clear_error()
            return PrivateKey(taking: key)
        }
        let detail = OpenSSLError.current()
        guard prompt.wasAsked else { throw .invalidPrivateKey(path: path, detail: detail.description) }
        guard let passwordFile, password != nil else { throw .passwordRequired(keyPath: path) }
        throw .wrongPassword(keyPath: path, passwordFile: passwordFile)
    }
}
