import COpenSSL
import CryptoPrimitives

extension SigningIdentity {
    /// The key, certificate and chain of a PKCS#12 (`.p12`/`.pfx`) bundle, certificate first.
    static func loadPKCS12(
        path: String,
        password: [UInt8]?,
        passwordFile: String?
    ) throws(SigningError) -> (key: PrivateKey, certificates: [X509Certificate], certificateSource: String) {
        var bytes = try SmallFile.read(path: path, role: .pkcs12, secret: true)
        defer { bytes.wipe() }
        let bio = try MemoryBIO(bytes: bytes, operation: "read the PKCS#12 bundle")
        guard let bundle = d2i_PKCS12_bio(bio.pointer, nil) else {
            throw .invalidPrivateKey(path: path, detail: "not a PKCS#12 bundle: \(OpenSSLError.current())")
        }
        defer { PKCS12_free(bundle) }

        // NUL-terminated for OpenSSL; nil lets PKCS12_parse try both "no password" and the empty password.
        var passwordString: [CChar]? = password.map { $0.map { CChar(bitPattern: $0) } + [0] }
        defer {
            _ = passwordString?.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        }

        if PKCS12_mac_present(bundle) == 1 {
            let macMatches: Bool
            if let passwordString {
                macMatches = PKCS12_verify_mac(bundle, passwordString, Int32(passwordString.count - 1)) == 1
            } else {
                macMatches = PKCS12_verify_mac(bundle, nil, 0) == 1 || PKCS12_verify_mac(bundle, "", 0) == 1
            }
            ERR_clear_error()
            guard macMatches else {
                guard let passwordFile else { throw .passwordRequired(keyPath: path) }
                throw .wrongPassword(keyPath: path, passwordFile: passwordFile)
            }
        }

        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var extra: OpaquePointer?
        guard PKCS12_parse(bundle, passwordString, &key, &certificate, &extra) == 1 else {
            let detail = OpenSSLError.current().description
            throw .invalidPrivateKey(
                path: path,
                detail: "\(detail); a bundle exported with legacy RC2/40-bit encryption must be re-exported "
                    + "with AES (openssl pkcs12 -legacy to read it, then -export)"
            )
        }
        let ownedKey = key.map { PrivateKey(taking: $0) }
        let ownedCertificate = certificate.map { X509Certificate(taking: $0) }
        var chain: [X509Certificate] = []
        if let extra {
            for index in 0..<COpenSSL_sk_X509_num(extra) {
                if let member = COpenSSL_sk_X509_value(extra, index) {
                    chain.append(X509Certificate(retaining: member))
                }
            }
            COpenSSL_sk_X509_pop_free(extra)
        }
        guard let ownedKey else { throw .invalidPrivateKey(path: path, detail: "the bundle holds no private key") }
        return (ownedKey, (ownedCertificate.map { [$0] } ?? []) + chain, path)
    }
}
