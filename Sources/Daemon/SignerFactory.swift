import AxisClient
import Config
import Foundation
import Signing

/// Turns the `signing:` section into the signers the pipeline and `lienthong sign` use: the one place that decides
/// whether signatures are timestamped (PAdES B-T) and through which transport.
public enum SignerFactory {
    /// The agency's key, loaded and checked (permissions, password, certificate match and validity).
    public static func identity(for settings: SigningSettings) throws -> SigningIdentity {
        try SigningIdentity.load(
            privateKeyPath: settings.privateKey, certificatePath: settings.certificate, chainPath: settings.chain,
            passwordFile: settings.passwordFileResolved())
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
    public static func signers(for config: LienthongConfig) throws
        -> (identity: SigningIdentity, pdf: PAdESSigner, detached: CMSSigner)
    {
        let identity = try identity(for: config.signing)
        let timestamper = try timestamper(for: config.signing, proxy: config.axis.proxy)
        return (
            identity,
            PAdESSigner(identity: identity, timestamper: timestamper),
            CMSSigner(identity: identity, timestamper: timestamper)
        )
    }
}
