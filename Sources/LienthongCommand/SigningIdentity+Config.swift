import Config
import Signing

extension SigningIdentity {
    /// The agency identity named by the configuration's `signing:` section.
    static func load(_ settings: SigningSettings) throws -> SigningIdentity {
        try SigningIdentity.load(
            privateKeyPath: settings.privateKey, certificatePath: settings.certificate, chainPath: settings.chain,
            passwordFile: settings.passwordFileResolved())
    }
}
