import NIOSSL

/// Builds the NIOSSL context of the axis listener from the `tls:` section, once at start, checking each file on
/// its own so that a bad one is named under its key: the certificate chain, the private key (which must belong to
/// the certificate), the client CAs, and the protocol floor.
///
/// With `client_ca`, every client must present a certificate signed by one of those CAs (NIOSSL fails the handshake
/// otherwise); the CA names are sent to clients so they can pick the right certificate. Host names of client
/// certificates are not checked, as there is no name to check them against.
enum TLSServerContext {
    static func make(_ configuration: AxisTLSConfiguration) throws(TLSError) -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(configuration.certificatePath)
        } catch {
            throw .certificate(path: configuration.certificatePath, detail: "\(error)")
        }
        guard !chain.isEmpty else {
            throw .certificate(path: configuration.certificatePath, detail: "no certificate in the file")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: configuration.privateKeyPath, format: .pem)
        } catch {
            throw .privateKey(path: configuration.privateKeyPath, detail: "\(error)")
        }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.minimumTLSVersion = configuration.minimumVersion == .tls13 ? .tlsv13 : .tlsv12
        if let clientCA = configuration.clientCAPath {
            let authorities: [NIOSSLCertificate]
            do {
                authorities = try NIOSSLCertificate.fromPEMFile(clientCA)
            } catch {
                throw .clientCA(path: clientCA, detail: "\(error)")
            }
            guard !authorities.isEmpty else { throw .clientCA(path: clientCA, detail: "no certificate in the file") }
            tls.trustRoots = .certificates(authorities)
            tls.certificateVerification = .noHostnameVerification
            tls.sendCANameList = true
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch NIOSSLError.failedToLoadPrivateKey {
            // Both files loaded on their own above: what fails now is the pair.
            throw .keyDoesNotMatchCertificate(
                certificate: configuration.certificatePath, key: configuration.privateKeyPath)
        } catch {
            throw .contextCreation("\(error)")
        }
    }
}
