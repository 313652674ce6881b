import COpenSSL
import Foundation

extension SigningIdentity {
    /// Loads the agency's signing identity and checks it.
    ///
    /// - Parameters:
    ///   - privateKeyPath: a PEM private key (PKCS#8 or traditional RSA/EC, optionally encrypted), or a PKCS#12
    ///     bundle when the name ends in `.p12` or `.pfx`. Refused unless it is a regular file that neither the
    ///     group nor other users can read.
    ///   - certificatePath: the PEM (or DER) certificate issued for the key. Further PEM certificates after the first
    ///     are taken as its chain. An empty string or the key's own path means the certificate is in the key file:
    ///     a combined PEM file, or a PKCS#12 bundle.
    ///   - chainPath: optional PEM file of intermediate certificates to include in signatures.
    ///   - passwordFile: optional file holding the key's password on its first line (trailing newline ignored);
    ///     it must be private like the key. The password never appears in logs or errors. Inside the systemd
    ///     credentials directory (`$CREDENTIALS_DIRECTORY`), secrets may be group-readable, as systemd makes them.
    /// - Throws: ``SigningError`` naming the file at fault and what to do, including when the key does not belong to
    ///   the certificate or the certificate is expired or not yet valid.
    public static func load(
        privateKeyPath: String,
        certificatePath: String,
        chainPath: String? = nil,
        passwordFile: String? = nil
    ) throws(SigningError) -> SigningIdentity {
        try load(
            privateKeyPath: privateKeyPath,
            certificatePath: certificatePath,
            chainPath: chainPath,
            passwordFile: passwordFile,
            now: Date()
        )
    }

    /// ``load(privateKeyPath:certificatePath:chainPath:passwordFile:)`` with the clock as a parameter.
    static func load(
        privateKeyPath: String,
        certificatePath: String,
        chainPath: String?,
        passwordFile: String?,
        now: Date
    ) throws(SigningError) -> SigningIdentity {
        ERR_clear_error()
        var password = try passwordFile.map { path throws(SigningError) in try readPassword(path: path) }
        defer { password?.wipe() }

        let lowercased = privateKeyPath.lowercased()
        let material: (key: PrivateKey, certificates: [X509Certificate], certificateSource: String)
        if lowercased.hasSuffix(".p12") || lowercased.hasSuffix(".pfx") {
            material = try loadPKCS12(path: privateKeyPath, password: password, passwordFile: passwordFile)
        } else {
            var keyBytes = try SmallFile.read(path: privateKeyPath, role: .privateKey, secret: true)
            defer { keyBytes.wipe() }
            let key = try PrivateKey.parsePEM(
                keyBytes, path: privateKeyPath, password: password, passwordFile: passwordFile
            )
            // A combined PEM file may carry the certificate (and chain) after the key.
            material = (key, try X509Certificate.parseAll(keyBytes), privateKeyPath)
        }

        var certificates = material.certificates
        var certificateSource = material.certificateSource
        if !certificatePath.isEmpty && certificatePath != privateKeyPath {
            certificates = try X509Certificate.load(path: certificatePath, role: .certificate)
            certificateSource = certificatePath
        }
        guard let certificate = certificates.first else {
            throw .invalidCertificate(path: certificateSource, detail: "no certificate found")
        }
        var chain = Array(certificates.dropFirst())
        if let chainPath {
            chain += try X509Certificate.load(path: chainPath, role: .certificateChain)
        }

        guard material.key.matches(certificate) else {
            throw .keyCertificateMismatch(keyPath: privateKeyPath, certificatePath: certificateSource)
        }
        let identity = try SigningIdentity(
            privateKey: material.key, certificate: certificate, chain: chain, certificatePath: certificateSource
        )
        try identity.checkValidity(at: now)
        return identity
    }

    /// The password file's first line without its line ending.
    static func readPassword(path: String) throws(SigningError) -> [UInt8] {
        var bytes = try SmallFile.read(path: path, role: .passwordFile, secret: true, limit: 64 * 1024)
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r")) { end -= 1 }
        let password = Array(bytes[..<end])
        bytes.wipe()
        return password
    }
}
