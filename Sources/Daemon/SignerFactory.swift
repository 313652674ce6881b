import AxisClient
import Config
import Foundation
import Signing

/// Turns the `signing:` section into the signers the pipeline and `lienthong sign` use: the one place that decides
/// which kind of key signs (a key file, a PKCS#11 token, a remote service), whether signatures are timestamped
/// (PAdES B-T) and through which transport.
public enum SignerFactory {
    /// The agency's key and the two signers that share it and one timestamper.
    public struct Signers: Sendable {
        public let key: any SigningKey
        public let pdf: PAdESSigner
        public let detached: CMSSigner
    }

    /// The agency's key. A key file is loaded and checked now (permissions, password, certificate match and
    /// validity); a token key only loads its module and certificate files (``PKCS11Key/connect()`` opens the
    /// token); a remote key reads its certificate and credentials.
    public static func key(for settings: SigningSettings, proxy: String? = nil) throws -> any SigningKey {
        if let remote = settings.remote {
            let client = try RemoteSigningClient(
                url: remote.url, allowPlainHTTP: true, bearerToken: try remote.loadBearerToken(),
                clientCertificatePath: remote.clientCertificate, clientKeyPath: remote.clientKey,
                caBundlePath: remote.caBundle, proxyURL: proxy, timeout: remote.timeout)
            return try RemoteSigningKey(
                service: HTTPDigestSigningService(client: client), certificatePath: settings.certificate ?? "",
                chainPath: settings.chain)
        }
        if let uri = settings.pkcs11URI {
            return try PKCS11Key.open(
                uri: uri, modulePath: settings.pkcs11Module ?? "", pinFile: settings.passwordFileResolved(),
                certificatePath: settings.certificate, chainPath: settings.chain)
        }
        return try SigningIdentity.load(
            privateKeyPath: settings.privateKey ?? "", certificatePath: settings.certificate ?? "",
            chainPath: settings.chain, passwordFile: settings.passwordFileResolved())
    }

    /// The RFC 3161 timestamper of `signing.timestamp_url`, reached through `axis.proxy` when one is set (the TSA,
    /// like the axis, is outside the agency's network); nil when no TSA is configured.
    public static func timestamper(for settings: SigningSettings, proxy: String?) throws -> Timestamper? {
        guard let timestamp = settings.timestamp else { return nil }
        let client = try TimestampAuthorityClient(
            url: timestamp.url, allowPlainHTTP: true, caBundlePath: timestamp.caBundle, proxyURL: proxy,
            requestTimeout: timestamp.timeout)
        return try Timestamper(authority: HTTPTimestampAuthority(client: client))
    }

    /// The PDF signer and the detached (`.p7s`) signer of one configuration, sharing one key and one timestamper.
    public static func signers(for config: LienthongConfig) throws -> Signers {
        let key = try key(for: config.signing, proxy: config.axis.proxy)
        let timestamper = try timestamper(for: config.signing, proxy: config.axis.proxy)
        return Signers(
            key: key, pdf: PAdESSigner(key: key, timestamper: timestamper),
            detached: CMSSigner(key: key, timestamper: timestamper))
    }

    /// One line about the key for `check-config` and the start-up log, after checking that it can sign: the
    /// certificate of a key file, the token and key object of a PKCS#11 key (opened, logged in, probed), the
    /// service of a remote key.
    public static func describe(_ key: any SigningKey) throws -> String {
        switch key {
        case let identity as SigningIdentity:
            return "signing certificate: \(identity.subject), valid until \(identity.notAfter)"
        case let token as PKCS11Key:
            let summary = try token.connect()
            return "signing key on token \(summary.token): object \(summary.key), certificate \(try subject(of: token))"
        case let remote as RemoteSigningKey:
            return "signing key at the remote service \(remote.service.name), certificate \(try subject(of: remote))"
        default:
            return "signing certificate: \(try subject(of: key))"
        }
    }

    /// The signer certificate's subject.
    public static func subject(of key: any SigningKey) throws -> String {
        try SigningCertificate.subject(of: key)
    }
}
